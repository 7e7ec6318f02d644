import { ComingSoon } from '../../components/ComingSoon';

export default function AuditTrailPage() {
  return (
    <ComingSoon title="Audit trail">
      Every change made in qualtrack, who made it and when, in a tamper-evident chain you can verify.
    </ComingSoon>
  );
}
