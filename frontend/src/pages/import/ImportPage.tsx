import { ComingSoon } from '../../components/ComingSoon';

export default function ImportPage() {
  return (
    <ComingSoon title="Import">
      Upload your existing spreadsheets of sites and certifications, check every row first, then import them in one step.
    </ComingSoon>
  );
}
