import { ComingSoon } from '../../components/ComingSoon';

export default function FindingsPage() {
  return (
    <ComingSoon title="Findings">
      Findings raised during inspections, their corrective actions, owners and due dates, until they are verified and closed.
    </ComingSoon>
  );
}
