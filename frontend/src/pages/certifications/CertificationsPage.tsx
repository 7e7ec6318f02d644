import { ComingSoon } from '../../components/ComingSoon';

export default function CertificationsPage() {
  return (
    <ComingSoon title="Certifications">
      ISO 9001, IATF 16949, ISO 13485 and other certificates per site, with their expiry and verification status.
    </ComingSoon>
  );
}
