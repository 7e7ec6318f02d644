import { ComingSoon } from '../../components/ComingSoon';

export default function DashboardPage() {
  return (
    <ComingSoon title="Dashboard" breadcrumbs={[{ label: 'Overview' }]}>
      Site counts by qualification status, inspections due and overdue, certifications expiring and expired, and open findings by severity will be shown here.
    </ComingSoon>
  );
}
