import { ComingSoon } from '../../components/ComingSoon';

export default function SitesPage() {
  return (
    <ComingSoon title="Sites">
      Every manufacturing site with its qualification status, risk tier, next inspection due and open findings, filterable and sortable like a spreadsheet.
    </ComingSoon>
  );
}
