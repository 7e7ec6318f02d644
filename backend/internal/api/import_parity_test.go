package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/testutil"
)

// parityCase is one value of one field, sent once through the API and
// once through an import.
type parityCase struct {
	field string
	value any // a string, or []string for processes
}

// parityOutcome is what an entry point made of a value: the fields it
// refused (sorted), or the value it stored.
type parityOutcome struct {
	refused []string
	stored  any
}

func (o parityOutcome) String() string {
	if len(o.refused) > 0 {
		return fmt.Sprintf("refused on %v", o.refused)
	}
	return fmt.Sprintf("stored %#v", o.stored)
}

func parityEqual(a, b parityOutcome) bool {
	if len(a.refused) > 0 || len(b.refused) > 0 {
		return slices.Equal(a.refused, b.refused)
	}
	aj, _ := json.Marshal(a.stored)
	bj, _ := json.Marshal(b.stored)
	return string(aj) == string(bj)
}

func parityCell(v any) any {
	if l, ok := v.([]string); ok {
		return strings.Join(l, ", ")
	}
	return v
}

// jsonField is the field of a stored record as the API shows it.
func jsonField(t *testing.T, record any, field string) any {
	t.Helper()
	b, err := json.Marshal(record)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	return m[field]
}

// importRefusals maps an import's problems to field names by column.
func importRefusals(got xlImport, columns map[string]string) []string {
	var out []string
	for _, e := range got.Errors {
		f := columns[e.Column]
		if f == "" {
			f = e.Column
		}
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return out
}

func apiRefusals(r *testutil.Response) []string {
	var out []string
	for k := range r.ErrorFields() {
		out = append(out, k)
	}
	if len(out) == 0 {
		out = []string{"(request)"}
	}
	slices.Sort(out)
	return out
}

var siteParityColumns = map[string]string{
	"Code": "code", "Site name": "name", "Manufacturer": "manufacturer", "Manufacturer country": "manufacturer_country",
	"Address": "address", "City": "city", "Country": "country", "Processes": "processes", "Approved scope": "approved_scope",
	"Risk tier": "risk_tier", "Contact name": "contact_name", "Contact e-mail": "contact_email", "Contact phone": "contact_phone", "Notes": "notes",
}

// Every field of an imported site and of its new manufacturer is accepted
// and refused by the import exactly as by the API, and stored the same.
func TestXLImportAPIParitySites(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	var acme model.Manufacturer
	w.db.Where("name = ?", "Acme Electronics").Take(&acme)
	long := func(n int) string { return strings.Repeat("ü", n) }
	many := make([]string, 21)
	for i := range many {
		many[i] = fmt.Sprintf("p%d", i)
	}
	cases := []parityCase{
		{"code", "GAM-001"}, {"code", "gam-002"}, {"code", " gam.003 "}, {"code", "GAM 001"}, {"code", "GAM/002"}, {"code", "G"},
		{"code", "ÄÖÜ-1"}, {"code", strings.Repeat("C", 40)}, {"code", strings.Repeat("D", 41)},
		{"name", "Plant  one"}, {"name", long(200)}, {"name", long(201)},
		{"address", long(500)}, {"address", long(501)},
		{"city", "Berlin"}, {"city", long(120)}, {"city", long(121)},
		{"country", "DE"}, {"country", "germany"}, {"country", "CHN"}, {"country", "Atlantis"}, {"country", "XX"},
		{"processes", []string{"SMT", "Final assembly", "conformal Coating"}}, {"processes", many}, {"processes", []string{strings.Repeat("x", 61)}},
		{"approved_scope", long(20000)}, {"approved_scope", long(20001)},
		{"risk_tier", "low"}, {"risk_tier", "HIGH"}, {"risk_tier", "extreme"},
		{"contact_name", long(200)}, {"contact_name", long(201)},
		{"contact_email", "jane@example.com"}, {"contact_email", "jane at acme"}, {"contact_email", "Jane <jane@example.com>"},
		{"contact_phone", "+49 30 1234"}, {"contact_phone", strings.Repeat("1", 60)}, {"contact_phone", strings.Repeat("1", 61)},
		{"notes", "-- note"}, {"notes", long(20001)},
		{"manufacturer", "New  Maker"}, {"manufacturer", long(200)}, {"manufacturer", long(201)},
		{"manufacturer_country", "US"}, {"manufacturer_country", "Germany"}, {"manufacturer_country", "Atlantis"},
		// Hidden formatting characters: a direction override, zero-width
		// space and joiner, a byte-order mark, an isolate.
		{"manufacturer", "Evil\u202Etxet Maker"}, {"manufacturer", "Zero\u200BWidth Maker"}, {"manufacturer", "Joined\u200DMaker"},
		{"manufacturer", "\uFEFFBOM Maker"}, {"name", "Plant\u2066one"}, {"name", "Plant\u200Cone"},
	}
	header := []any{"Code", "Site name", "Manufacturer", "Country", "Risk tier"}
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%s %d", tc.field, i), func(t *testing.T) {
			viaAPI, viaImport := parityOutcome{}, parityOutcome{}
			code := fmt.Sprintf("PAR-%d", i)
			switch tc.field {
			case "manufacturer", "manufacturer_country":
				name, country := fmt.Sprintf("Maker %d", i), any(nil)
				if tc.field == "manufacturer" {
					name = tc.value.(string)
				} else {
					country = tc.value
				}
				body := map[string]any{"name": name}
				if country != nil {
					body["country"] = country
				}
				r := w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", body)
				apiField := map[string]string{"manufacturer": "name", "manufacturer_country": "country"}[tc.field]
				if r.Status == http.StatusCreated {
					viaAPI.stored = r.JSON()[apiField]
				} else {
					viaAPI.refused = apiRefusals(r)
					for j, f := range viaAPI.refused {
						viaAPI.refused[j] = map[string]string{"name": "manufacturer", "country": "manufacturer_country"}[f]
					}
				}
				// The import creates the manufacturer: give it a name the API
				// has not taken.
				importName := name
				if r.Status == http.StatusCreated {
					importName = strings.Replace(name, "Maker", "Other", 1)
					if tc.field == "manufacturer" {
						importName = "I" + string([]rune(name)[1:])
					}
				}
				row := []any{code, "Plant", importName, "DE", "low", parityCell(country)}
				got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, xlBook(t, "Sites", [][]any{append(slices.Clone(header), "Manufacturer country"), row})))
				if len(got.Errors) > 0 {
					viaImport.refused = importRefusals(got, siteParityColumns)
				} else {
					var m model.Manufacturer
					w.db.Where("name = ?", strings.Join(strings.Fields(importName), " ")).Take(&m)
					viaImport.stored = jsonField(t, m, apiField)
					if tc.field == "manufacturer" {
						viaImport.stored = strings.Join(strings.Fields(name), " ") // the name the API was sent, normalised as stored
						if m.ID == 0 {
							viaImport.stored = nil
						}
					}
				}
			default:
				body := map[string]any{"code": code, "name": "Plant", "country": "DE", "risk_tier": "low", "manufacturer_id": acme.ID}
				body[tc.field] = tc.value
				r := w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/sites", body)
				if r.Status == http.StatusCreated {
					viaAPI.stored = r.JSON()[tc.field]
				} else {
					viaAPI.refused = apiRefusals(r)
				}
				// The same site through an import, under another code when the
				// field under test is not the code.
				row := map[string]any{"code": "IMP-" + code, "name": "Plant", "manufacturer": "Acme Electronics", "country": "DE", "risk_tier": "low"}
				if tc.field == "code" {
					w.db.Where("code = ?", strings.ToUpper(strings.TrimSpace(tc.value.(string)))).Delete(&model.Site{})
				}
				row[tc.field] = parityCell(tc.value)
				cols := []string{"code", "name", "manufacturer", "country", "risk_tier"}
				if !slices.Contains(cols, tc.field) {
					cols = append(cols, tc.field)
				}
				var hdr, cells []any
				for _, c := range cols {
					for h, f := range siteParityColumns {
						if f == c {
							hdr = append(hdr, h)
						}
					}
					cells = append(cells, row[c])
				}
				got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, xlBook(t, "Sites", [][]any{hdr, cells})))
				if len(got.Errors) > 0 {
					viaImport.refused = importRefusals(got, siteParityColumns)
				} else {
					var s model.Site
					stored := strings.ToUpper(strings.TrimSpace(fmt.Sprint(row["code"])))
					w.db.Where("code = ?", stored).Take(&s)
					viaImport.stored = jsonField(t, s, tc.field)
					if tc.field == "code" {
						viaImport.stored = jsonField(t, s, "code")
					}
				}
			}
			if !parityEqual(viaAPI, viaImport) {
				t.Errorf("%s = %.60q: API %v, import %v", tc.field, fmt.Sprint(tc.value), viaAPI, viaImport)
			}
		})
	}
}

var certParityColumns = map[string]string{
	"Site code": "site_code", "Standard": "standard", "Certificate number": "certificate_number", "Issuing body": "issuing_body",
	"Scope": "scope", "Issued on": "issued_on", "Expires on": "expires_on", "Withdrawn": "withdrawn", "Withdrawn reason": "withdrawn_reason",
}

// Every field of an imported certificate is accepted and refused by the
// import exactly as by the API, and stored the same.
func TestXLImportAPIParityCertifications(t *testing.T) {
	t.Parallel()
	w := newXLWorld(t)
	site := w.sites[xlNewCode]
	long := func(n int) string { return strings.Repeat("ü", n) }
	type certCase struct {
		parityCase
		with map[string]any // other fields sent along
	}
	cases := []certCase{
		{parityCase{"standard", "iso 9001:2015"}, nil}, {parityCase{"standard", long(100)}, nil}, {parityCase{"standard", long(101)}, nil},
		{parityCase{"certificate_number", " N-1 "}, nil}, {parityCase{"certificate_number", long(100)}, nil}, {parityCase{"certificate_number", long(101)}, nil},
		{parityCase{"issuing_body", "TÜV SÜD"}, nil}, {parityCase{"issuing_body", long(200)}, nil}, {parityCase{"issuing_body", long(201)}, nil},
		{parityCase{"scope", long(20000)}, nil}, {parityCase{"scope", long(20001)}, nil},
		{parityCase{"issued_on", "2024-02-29"}, nil}, {parityCase{"issued_on", "2028-01-01"}, nil}, {parityCase{"issued_on", "2023-02-29"}, nil},
		{parityCase{"expires_on", "2027-12-31"}, nil}, {parityCase{"expires_on", "2027-02-30"}, nil},
		{parityCase{"withdrawn_reason", "Registrar withdrew it"}, map[string]any{"withdrawn": true}},
		{parityCase{"withdrawn_reason", ""}, map[string]any{"withdrawn": true}},
		{parityCase{"withdrawn_reason", long(20001)}, map[string]any{"withdrawn": true}},
		{parityCase{"withdrawn", true}, map[string]any{"withdrawn_reason": "Gone"}},
		{parityCase{"withdrawn", false}, map[string]any{"withdrawn_reason": "Ignored"}},
	}
	for i, tc := range cases {
		t.Run(fmt.Sprintf("%s %d", tc.field, i), func(t *testing.T) {
			viaAPI, viaImport := parityOutcome{}, parityOutcome{}
			values := map[string]any{"standard": fmt.Sprintf("Parity %d", i), "certificate_number": fmt.Sprintf("API-%d", i), "expires_on": "2027-12-31"}
			for k, v := range tc.with {
				values[k] = v
			}
			values[tc.field] = tc.value
			body := map[string]any{"site_id": site.ID}
			for k, v := range values {
				body[k] = v
			}
			r := w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/certifications", body)
			if r.Status == http.StatusCreated {
				viaAPI.stored = r.JSON()[tc.field]
			} else {
				viaAPI.refused = apiRefusals(r)
			}
			// The same certificate through an import, under another number
			// (or standard) so it is a new one.
			if tc.field == "certificate_number" {
				values["standard"] = fmt.Sprintf("Import parity %d", i)
			} else {
				values["certificate_number"] = fmt.Sprintf("IMP-%d", i)
			}
			hdr := []any{"Site code"}
			cells := []any{xlNewCode}
			for h, f := range certParityColumns {
				if v, ok := values[f]; ok {
					hdr = append(hdr, h)
					switch v := v.(type) {
					case bool:
						cells = append(cells, map[bool]string{true: "yes", false: "no"}[v])
					default:
						cells = append(cells, v)
					}
				}
			}
			got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlCertsImport, xlBook(t, "Certifications", [][]any{hdr, cells})))
			if len(got.Errors) > 0 {
				viaImport.refused = importRefusals(got, certParityColumns)
			} else {
				var c model.Certification
				q := w.db.Where("site_id = ?", site.ID)
				if tc.field == "certificate_number" {
					q = q.Where("standard = ?", values["standard"])
				} else {
					q = q.Where("certificate_number = ?", values["certificate_number"])
				}
				q.Take(&c)
				viaImport.stored = jsonField(t, c, tc.field)
			}
			if !parityEqual(viaAPI, viaImport) {
				t.Errorf("%s = %.60q: API %v, import %v", tc.field, fmt.Sprint(tc.value), viaAPI, viaImport)
			}
		})
	}
}

// An import finds a manufacturer by the key the API keeps names unique by
// (NFKC, case-folded, spaces collapsed): fullwidth letters, other case or
// spacing name the existing manufacturer instead of failing on the unique
// rule or making a look-alike second one; two spellings of a new
// manufacturer in one file make one; a name with hidden characters is
// refused even where it would match.
func TestXLImportFindsManufacturersByNameKey(t *testing.T) {
	w := newXLWorld(t)
	var acme model.Manufacturer
	testutil.Fatal(t, w.db.Where("name = ?", "Acme Electronics").Take(&acme).Error, "acme")
	makers := xlCount(t, w.db, &model.Manufacturer{})
	header := []any{"Code", "Site name", "Manufacturer", "Country", "Risk tier"}
	rows := [][]any{header,
		{"KEY-1", "Plant one", "ＡＣＭＥ Ｅｌｅｃｔｒｏｎｉｃｓ", "CN", "low"},
		{"KEY-2", "Plant two", "acme   ELECTRONICS", "CN", "low"},
		{"KEY-3", "Plant three", "Nova Fab", "DE", "low"},
		{"KEY-4", "Plant four", "ＮＯＶＡ ｆａｂ", "DE", "low"},
	}
	got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, xlBook(t, "Sites", rows)).Want(http.StatusOK))
	if len(got.Errors) > 0 || got.Created != 4 || got.ManufacturersCreated == nil || *got.ManufacturersCreated != 1 {
		t.Fatalf("import: %+v", got)
	}
	if n := xlCount(t, w.db, &model.Manufacturer{}); n != makers+1 {
		t.Errorf("%d manufacturers, want %d (only Nova Fab new)", n, makers+1)
	}
	var sites []model.Site
	testutil.Fatal(t, w.db.Where("code IN ?", []string{"KEY-1", "KEY-2", "KEY-3", "KEY-4"}).Order("code").Find(&sites).Error, "sites")
	if len(sites) != 4 || sites[0].ManufacturerID != acme.ID || sites[1].ManufacturerID != acme.ID || sites[2].ManufacturerID != sites[3].ManufacturerID {
		t.Errorf("sites' manufacturers: %+v (Acme is %d)", sites, acme.ID)
	}
	// The API agrees: the look-alike is the same manufacturer.
	r := w.srv.Do(model.RoleManager, http.MethodPost, "/api/v1/manufacturers", map[string]any{"name": "ＮＯＶＡ  FAB", "country": "DE"})
	if r.Status != http.StatusConflict {
		t.Errorf("the API took a look-alike of an imported manufacturer: %d %s", r.Status, r.Body)
	}

	// Hidden characters are refused, also where the rest matches.
	for _, name := range []string{"Acme\u200B Electronics", "Acme Electronics\u200E", "\u202EAcme Electronics"} {
		got := xlDecodeImport(t, xlUpload(t, w.srv, model.RoleManager, xlSitesImport, xlBook(t, "Sites", [][]any{header, {"KEY-9", "Plant", name, "CN", "low"}})).Want(http.StatusOK, http.StatusUnprocessableEntity))
		if len(got.Errors) != 1 || got.Errors[0].Column != "Manufacturer" || !strings.Contains(got.Errors[0].Message, "invisible") {
			t.Errorf("%q: %+v", name, got)
		}
	}
	if xlCount(t, w.db, &model.Site{}) != int64(len(w.sites))+4 {
		t.Error("a refused import stored a site")
	}
}
