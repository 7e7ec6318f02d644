import { ComingSoon } from '../../components/ComingSoon';

export default function InspectionsPage() {
  return (
    <ComingSoon title="Inspections">
      Planned and completed qualification, routine, for-cause and follow-up inspections, with their results and scores.
    </ComingSoon>
  );
}
