import { ComingSoon } from '../../components/ComingSoon';

export default function UsersPage() {
  return (
    <ComingSoon title="Users">
      Accounts, roles and time-limited auditor access.
    </ComingSoon>
  );
}
