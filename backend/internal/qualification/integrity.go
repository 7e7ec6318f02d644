package qualification

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// Hardware integrity: what an inspector saw at a site (firmware hashes,
// the golden sample's seal, the BOM and AVL revisions on the line, the
// AOI/X-ray comparison) against the baseline, visit after visit.

var (
	sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// bsdDigest is the "SHA256 (file) = <hash>" form of shasum --tag and
	// openssl dgst.
	bsdDigest = regexp.MustCompile(`^(?i:sha2?-?256)\s*\(.*\)\s*=\s*(\S+)$`)
)

// NormalizeSHA256 reads a SHA-256 as an inspector pastes or scans it: the
// bare hash in any case, a sha256sum line ("<hash>  file", "<hash> *file",
// with the leading backslash sha256sum puts before escaped names) or a
// "SHA256 (file) = <hash>" line, with any surrounding whitespace. It
// returns the 64 lower-case hex characters, or an error saying why the
// text is not a SHA-256.
func NormalizeSHA256(s string) (string, error) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "\ufeff"))
	if s == "" {
		return "", fmt.Errorf("is required")
	}
	if strings.ContainsAny(s, "\r\n") {
		lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' })
		if len(lines) != 1 {
			return "", fmt.Errorf("holds %d lines; paste the one line of this image", len(lines))
		}
		s = strings.TrimSpace(lines[0])
	}
	if m := bsdDigest.FindStringSubmatch(s); m != nil {
		s = m[1]
	} else if fields := strings.Fields(s); len(fields) > 1 {
		s = fields[0] // sha256sum: "<hash>  file" or "<hash> *file"
	}
	s = strings.ToLower(strings.TrimPrefix(s, `\`))
	if !sha256Hex.MatchString(s) {
		if len(s) != 64 {
			return "", fmt.Errorf("must be 64 hexadecimal characters (a SHA-256), not %d", len(s))
		}
		return "", fmt.Errorf("must be 64 hexadecimal characters (0-9, a-f)")
	}
	return s, nil
}

// SameRevision reports whether two revision identifiers are the same,
// ignoring case and surrounding or repeated whitespace.
func SameRevision(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Comparison is the outcome of comparing one observation with the
// baseline: a match, or the severity of the finding a mismatch raises and
// why, in words for the finding.
type Comparison struct {
	Matches  bool
	Severity model.Severity
	Problem  string
	// ReleaseID is the release whose image the observed hash is.
	ReleaseID *int64
}

func matches() Comparison { return Comparison{Matches: true} }

func mismatch(sev model.Severity, format string, args ...any) Comparison {
	return Comparison{Severity: sev, Problem: fmt.Sprintf(format, args...)}
}

// Release is a firmware release as the comparison sees it.
type Release struct {
	ID        int64
	Component model.Component
	Version   string
	SHA256    string
	Approved  bool
	// SupersededBy is the version that superseded this one ("" when the
	// release is current).
	SupersededBy string
}

// Current reports whether r is an approved release nothing superseded.
func (r Release) Current() bool { return r.Approved && r.SupersededBy == "" }

// CompareFirmware compares a firmware hash read for component with the
// product's releases. A hash that is a current release of the component
// matches; an image that was superseded is a major finding; anything else
// (an unknown image, one not approved, one of another component, a
// component with no current release) is critical.
func CompareFirmware(component model.Component, sha string, releases []Release) Comparison {
	var current []string
	for _, r := range releases {
		if r.Component == component && r.Current() {
			current = append(current, r.Version)
		}
	}
	name := ComponentLabel(component)
	for _, r := range releases {
		if r.SHA256 != sha {
			continue
		}
		id := r.ID
		var c Comparison
		switch {
		case r.Component != component:
			c = mismatch(model.SeverityCritical, "The %s image read is the %s release %s, not a %s image.", name, ComponentLabel(r.Component), r.Version, name)
		case !r.Approved:
			c = mismatch(model.SeverityCritical, "The %s image read is release %s, which is not approved.", name, r.Version)
		case r.SupersededBy != "":
			c = mismatch(model.SeverityMajor, "The %s image read is release %s, superseded by %s.", name, r.Version, r.SupersededBy)
		default:
			c = matches()
		}
		c.ReleaseID = &id
		return c
	}
	if len(current) == 0 {
		return mismatch(model.SeverityCritical, "No %s release is current for this product; the image read (SHA-256 %s) cannot be trusted.", name, short(sha))
	}
	return mismatch(model.SeverityCritical, "The %s image read (SHA-256 %s) matches no current release (current: %s).", name, short(sha), strings.Join(current, ", "))
}

// ComponentLabel is a component as people write it.
func ComponentLabel(c model.Component) string {
	switch c {
	case model.ComponentOther:
		return "other"
	case "":
		return "firmware"
	}
	return strings.ToUpper(string(c))
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12] + "…"
	}
	return sha
}

// GoldenSample is the baseline of a golden sample: the reference board's
// serial, its tamper seal and the day it was sealed.
type GoldenSample struct {
	Serial     string
	SealNumber string
	SealedOn   model.Date
}

// SealSeen is a golden sample as an inspector found it at a visit.
type SealSeen struct {
	Serial     string
	SealNumber string
	State      model.SealState
	ObservedOn model.Date
}

// CompareSeal compares the golden sample as found with its baseline and
// with the previous visit's observation (nil when there was none). A seal
// broken or missing, a serial or seal number other than the baseline's,
// or a seal number changed since the previous visit without a re-sealing
// recorded after that visit is critical.
func CompareSeal(seen SealSeen, base GoldenSample, previous *SealSeen) Comparison {
	switch seen.State {
	case model.SealBroken:
		return mismatch(model.SeverityCritical, "The golden sample's tamper seal %s is broken.", orUnknown(seen.SealNumber))
	case model.SealMissing:
		return mismatch(model.SeverityCritical, "The golden sample's tamper seal is missing (expected %s).", orUnknown(base.SealNumber))
	}
	if base.Serial != "" && !SameRevision(seen.Serial, base.Serial) {
		return mismatch(model.SeverityCritical, "The golden sample presented is serial %s, not the reference board %s.", orUnknown(seen.Serial), base.Serial)
	}
	if base.SealNumber != "" && !SameRevision(seen.SealNumber, base.SealNumber) {
		return mismatch(model.SeverityCritical, "The golden sample's seal is %s, not the recorded seal %s.", orUnknown(seen.SealNumber), base.SealNumber)
	}
	if previous != nil && previous.SealNumber != "" && !SameRevision(seen.SealNumber, previous.SealNumber) &&
		!base.SealedOn.After(previous.ObservedOn) {
		return mismatch(model.SeverityCritical, "The golden sample's seal changed from %s (visit of %s) to %s with no re-sealing recorded since.",
			previous.SealNumber, previous.ObservedOn, orUnknown(seen.SealNumber))
	}
	if base.Serial == "" && base.SealNumber == "" {
		return mismatch(model.SeverityCritical, "No golden sample is recorded for this product at the site; record its serial and seal first.")
	}
	return matches()
}

func orUnknown(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(none read)"
	}
	return s
}

// CompareRevision compares the BOM or AVL revision in use on the line with
// the product's current one: any other revision is a major finding.
func CompareRevision(kind model.ObservationKind, observed, current string) Comparison {
	what := "BOM"
	if kind == model.ObserveAVL {
		what = "AVL"
	}
	if current == "" {
		return mismatch(model.SeverityMajor, "No current %s revision is recorded for this product; the line uses %s.", what, orUnknown(observed))
	}
	if !SameRevision(observed, current) {
		return mismatch(model.SeverityMajor, "The line uses %s revision %s; the current revision is %s.", what, orUnknown(observed), current)
	}
	return matches()
}

// CompareAOI reads an X-ray/AOI comparison against the golden board: a
// mismatch is a board that differs from the reference, which is critical.
func CompareAOI(r model.AOIResult) Comparison {
	if r == model.AOIMismatch {
		return mismatch(model.SeverityCritical, "The X-ray/AOI comparison with the golden board shows a difference.")
	}
	return matches()
}

// ObservationInput is an observation as entered, before comparison.
type ObservationInput struct {
	Kind            model.ObservationKind
	Component       model.Component
	FirmwareVersion string
	SHA256          string // as pasted
	SerialNumber    string
	SealNumber      string
	SealState       model.SealState
	Revision        string
	AOIResult       model.AOIResult
}

// ValidateObservation checks what each kind of observation needs and
// returns the hash normalised (empty for other kinds). Field names are
// prefixed with prefix ("observations.2.").
func ValidateObservation(in ObservationInput, prefix string, p Problems) string {
	var sha string
	switch in.Kind {
	case model.ObserveFirmware:
		if !in.Component.Valid() {
			p.Add(prefix+"component", "must be one of: bios, bmc, cpld, nic, other")
		}
		h, err := NormalizeSHA256(in.SHA256)
		if err != nil {
			p.Add(prefix+"sha256", err.Error())
		}
		sha = h
		checkLen(p, prefix+"firmware_version", in.FirmwareVersion, 100)
	case model.ObserveGoldenSample:
		if !in.SealState.Valid() {
			p.Add(prefix+"seal_state", "must be one of: intact, broken, missing")
		}
		if in.SealState == model.SealIntact && strings.TrimSpace(in.SealNumber) == "" {
			p.Add(prefix+"seal_number", "is required for an intact seal")
		}
		checkLen(p, prefix+"seal_number", in.SealNumber, 100)
		checkLen(p, prefix+"serial_number", in.SerialNumber, 100)
	case model.ObserveBOM, model.ObserveAVL:
		if strings.TrimSpace(in.Revision) == "" {
			p.Add(prefix+"revision", "is required")
		}
		checkLen(p, prefix+"revision", in.Revision, 100)
	case model.ObserveAOI:
		if !in.AOIResult.Valid() {
			p.Add(prefix+"aoi_result", "must be match or mismatch")
		}
	default:
		p.Add(prefix+"kind", "must be one of: firmware, golden_sample, bom, avl, aoi")
	}
	return sha
}

func checkLen(p Problems, field, v string, max int) {
	if len([]rune(v)) > max {
		p.Add(field, fmt.Sprintf("must be at most %d characters", max))
	}
}

// ReleaseInput is a firmware release as entered.
type ReleaseInput struct {
	Component  model.Component
	Version    string
	SHA256     string
	Signer     string
	KeyID      string
	ReleasedOn model.Date
}

// ValidateRelease checks a new firmware release and returns its hash
// normalised.
func ValidateRelease(in ReleaseInput, today model.Date, p Problems) string {
	if !in.Component.Valid() {
		p.Add("component", "must be one of: bios, bmc, cpld, nic, other")
	}
	if strings.TrimSpace(in.Version) == "" {
		p.Add("firmware_version", "is required")
	}
	checkLen(p, "firmware_version", in.Version, 100)
	sha, err := NormalizeSHA256(in.SHA256)
	if err != nil {
		p.Add("sha256", err.Error())
	}
	checkLen(p, "signer", in.Signer, 200)
	checkLen(p, "key_id", in.KeyID, 200)
	if in.ReleasedOn.IsZero() {
		p.Add("released_on", "is required")
	} else if in.ReleasedOn.After(today) {
		p.Add("released_on", "cannot be in the future")
	}
	return sha
}

// ValidateProduct checks a product's part number, revision and name.
func ValidateProduct(partNumber, revision, name string, p Problems) {
	if strings.TrimSpace(partNumber) == "" {
		p.Add("part_number", "is required")
	}
	if strings.TrimSpace(name) == "" {
		p.Add("name", "is required")
	}
	checkLen(p, "part_number", partNumber, 100)
	checkLen(p, "revision", revision, 40)
	checkLen(p, "name", name, 200)
}

// ValidateBOMRevision checks a BOM/AVL revision.
func ValidateBOMRevision(bom, avl string, effective, today model.Date, p Problems) {
	if strings.TrimSpace(bom) == "" {
		p.Add("bom_revision", "is required")
	}
	if strings.TrimSpace(avl) == "" {
		p.Add("avl_revision", "is required")
	}
	checkLen(p, "bom_revision", bom, 100)
	checkLen(p, "avl_revision", avl, 100)
	if effective.IsZero() {
		p.Add("effective_on", "is required")
	} else if effective.After(today) {
		p.Add("effective_on", "cannot be in the future")
	}
}

// ValidateSource checks a component source.
func ValidateSource(name string, t model.SourceType, p Problems) {
	if strings.TrimSpace(name) == "" {
		p.Add("name", "is required")
	}
	checkLen(p, "name", name, 200)
	if !t.Valid() {
		p.Add("source_type", "must be one of: manufacturer, authorised_distributor, independent_distributor, broker")
	}
}

// ValidateSourceCertificate checks a source's counterfeit-avoidance
// certificate: a number needs its expiry, and an expiry (which makes it a
// certification held by the source) its standard.
func ValidateSourceCertificate(standard, number string, expiresOn model.Date, p Problems) {
	if number != "" && expiresOn.IsZero() {
		p.Add("certificate_expires_on", "is required with a certificate number")
	}
	if strings.TrimSpace(standard) == "" && !expiresOn.IsZero() {
		p.Add("certification_standard", "is required with a certificate: name its standard, for example SAE AS6081")
	}
	checkLen(p, "certification_standard", standard, 100)
	checkLen(p, "certificate_number", number, 100)
}

// UnjustifiedSource reports whether buying from a source is flagged: it is
// not authorised by the original manufacturer and no justification for
// it was accepted.
func UnjustifiedSource(authorised, justificationAccepted bool) bool {
	return !authorised && !justificationAccepted
}

// ValidateIncident checks a suspect-part incident.
func ValidateIncident(partNumber, source string, status model.IncidentStatus, reported, today model.Date, p Problems) {
	if strings.TrimSpace(partNumber) == "" {
		p.Add("part_number", "is required")
	}
	checkLen(p, "part_number", partNumber, 100)
	if strings.TrimSpace(source) == "" {
		p.Add("source_name", "is required")
	}
	checkLen(p, "source_name", source, 200)
	if !status.Valid() {
		p.Add("status", "must be one of: open, investigating, closed")
	}
	if reported.IsZero() {
		p.Add("reported_on", "is required")
	} else if reported.After(today) {
		p.Add("reported_on", "cannot be in the future")
	}
}

// SameSource reports whether two source names name the same seller,
// ignoring case, punctuation and spacing ("Acme Parts, Inc." and
// "ACME PARTS INC").
func SameSource(a, b string) bool {
	na, nb := sourceKey(a), sourceKey(b)
	return na != "" && na == nb
}

func sourceKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// SharesFamily reports whether a source's component families include the
// incident's family (ignoring case and spacing).
func SharesFamily(families []string, family string) bool {
	if strings.TrimSpace(family) == "" {
		return false
	}
	for _, f := range families {
		if SameRevision(f, family) {
			return true
		}
	}
	return false
}
