import { ComingSoon } from '../../components/ComingSoon';

export default function ManufacturersPage() {
  return (
    <ComingSoon title="Manufacturers">
      The contract manufacturers you work with, their legal names, countries and sites.
    </ComingSoon>
  );
}
