import { ComingSoon } from '../../components/ComingSoon';

export default function ReportsPage() {
  return (
    <ComingSoon title="Reports">
      Spreadsheet exports: approved suppliers, inspections, certifications, findings and a dossier per site.
    </ComingSoon>
  );
}
