package spreadsheet

import (
	"fmt"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

// certHeaders are the certifications template's headers; the
// certifications report uses the same ones.
var certHeaders = struct {
	SiteCode, Standard, CertificateNumber, IssuingBody, Scope, IssuedOn, ExpiresOn, Withdrawn, WithdrawnReason string
}{
	"Site code", "Standard", "Certificate number", "Issuing body", "Scope", "Issued on", "Expires on", "Withdrawn", "Withdrawn reason",
}

// certFields are the columns a certifications import reads.
var certFields = []field{
	{key: "site_code", header: certHeaders.SiteCode, required: true, example: "ACME-SZ1",
		aliases: []string{"Code", "Site", "Plant code", "Site ref"},
		help:    "The code of the site holding the certificate; the site must exist in qualtrack (import the sites first)."},
	{key: "standard", header: certHeaders.Standard, required: true, example: "ISO 9001:2015",
		aliases: []string{"Certificate", "Certification", "Norm", "Standard name"},
		help:    "The standard certified, e.g. ISO 9001:2015, IATF 16949:2016, ISO 13485:2016, AS9100D, ISO/IEC 27001:2022, ANSI/ESD S20.20, SAE AS6081, or any other (at most 100 characters)."},
	{key: "certificate_number", header: certHeaders.CertificateNumber, example: "CN-QMS-204518",
		aliases: []string{"Certificate no", "Certificate No.", "Cert number", "Cert no", "Certificate ID", "Number"},
		help:    "The number on the certificate (at most 100 characters). With the site code and the standard it identifies the certificate: a row matching an existing one (ignoring case) updates it; any other row adds a certificate."},
	{key: "issuing_body", header: certHeaders.IssuingBody, example: "TÜV SÜD",
		aliases: []string{"Issuer", "Issued by", "Certification body", "Registrar", "Certifier"},
		help:    "Optional. Who issued the certificate (at most 200 characters)."},
	{key: "scope", header: certHeaders.Scope, example: "Manufacture of printed circuit board assemblies",
		aliases: []string{"Certificate scope", "Scope of certification"}, help: "Optional. The scope written on the certificate."},
	{key: "issued_on", header: certHeaders.IssuedOn, example: "2024-04-01",
		aliases: []string{"Issued", "Issue date", "Date of issue", "Valid from", "Issued date"},
		help:    "Optional. A date cell, or text as YYYY-MM-DD (2024-04-01), DD.MM.YYYY (01.04.2024) or with the month's name (1 Apr 2024). Not after the expiry date."},
	{key: "expires_on", header: certHeaders.ExpiresOn, required: true, example: "2027-03-31",
		aliases: []string{"Expires", "Expiry", "Expiry date", "Expiration", "Expiration date", "Valid until", "Valid to", "Valid through"},
		help:    "The certificate's last valid day: a date cell, or text as for Issued on. Slashed dates are read when only one reading exists (13/03/2027 is 13 March); 03/04/2027 is refused because it means different days in different countries."},
	{key: "withdrawn", header: certHeaders.Withdrawn, example: "no",
		aliases: []string{"Withdrawn?", "Is withdrawn", "Revoked", "Suspended"},
		help:    "Optional. yes or no (also true/false, 1/0, x); empty means no for a new certificate and leaves an existing one as it is."},
	{key: "withdrawn_reason", header: certHeaders.WithdrawnReason, example: "",
		aliases: []string{"Reason withdrawn", "Withdrawal reason", "Reason"},
		help:    "Why the certificate was withdrawn; required when Withdrawn is yes."},
}

// CertificationsFile is a parsed certifications import.
type CertificationsFile struct {
	Parsed
	Import store.CertificationImport
}

// ReadCertifications reads a certifications workbook (see ReadSites).
func ReadCertifications(data []byte, limits Limits) (out *CertificationsFile, err error) {
	defer recoverDamaged(&err)
	f, err := openWorkbook(data, limits)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out = &CertificationsFile{Parsed: Parsed{fields: certFields}}
	first := map[string]int{}
	t, err := readRows(f, certFields, limits, func(r *rowReader) {
		code, c := readCertification(r)
		if code == exampleOf(certFields, "site_code") && c.Standard == exampleOf(certFields, "standard") && c.CertificateNumber == exampleOf(certFields, "certificate_number") {
			out.Warnings = append(out.Warnings, r.t.problem(r.row, "site_code", exampleWarning(code+" "+c.Standard+" "+c.CertificateNumber)))
			return
		}
		if code != "" && c.Standard != "" {
			key := store.CertificationKey(code, c.Standard, c.CertificateNumber)
			if at, dup := first[key]; dup {
				r.fail("certificate_number", fmt.Sprintf("The certificate %s %s of site %s is also on row %d; a certificate can be in the file once. Remove or merge one of the rows.",
					c.Standard, c.CertificateNumber, code, at))
			} else {
				first[key] = r.row
			}
		}
		if !r.hasProblems() {
			out.Import.Rows = append(out.Import.Rows, store.CertificationImportRow{Row: r.row, SiteCode: code, Certification: c, Set: r.set})
		}
	}, &out.Problems)
	if err != nil {
		return nil, err
	}
	out.Sheet, out.Ignored, out.table = t.sheet, t.ignored, t
	out.Import.Source.Sheet = t.sheet
	return out, nil
}

// readCertification reads a row for store.ImportCertifications, which
// checks the result with qualification.ValidateCertification as the API
// does. Site code, standard and certificate number identify the
// certificate; every other field is set when its cell has a value or the
// clear marker.
func readCertification(r *rowReader) (string, model.Certification) {
	var c model.Certification
	code := qualification.NormalizeSiteCode(r.key("site_code", "site code", "Every row needs the code of the site holding the certificate."))
	c.Standard = qualification.NormalizeStandard(r.key("standard", "standard", "Name the standard, e.g. ISO 9001:2015."))
	c.CertificateNumber = r.text("certificate_number")
	if strings.EqualFold(c.CertificateNumber, ClearMarker) {
		r.fail("certificate_number", "The certificate number identifies the certificate and cannot be cleared.")
	}
	c.IssuingBody, _ = r.field("issuing_body")
	c.Scope, _ = r.field("scope")
	c.IssuedOn = r.date("issued_on", "issue date")
	c.ExpiresOn = r.date("expires_on", "expiry date")
	if v, ok := r.field("withdrawn"); ok {
		w, yesNo := parseYesNo(v)
		if !yesNo {
			r.fail("withdrawn", fmt.Sprintf("%q is not yes or no.", v))
		}
		c.Withdrawn = w
	}
	c.WithdrawnReason, _ = r.field("withdrawn_reason")
	return code, c
}
