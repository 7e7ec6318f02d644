package qualification

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error %v is not a *ValidationError", err)
	}
	var out []string
	for k := range ve.Fields {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestNormalizeSite(t *testing.T) {
	valid := func(change func(s *model.Site)) model.Site {
		s := model.Site{Code: "ACME-SZ1", Name: "Shenzhen", Country: "CN", RiskTier: model.RiskHigh}
		if change != nil {
			change(&s)
		}
		return s
	}
	tests := []struct {
		name   string
		site   model.Site
		fields []string
		check  func(t *testing.T, s model.Site)
	}{
		{"valid", valid(nil), nil, nil},
		{"empty", model.Site{}, []string{"code", "country", "name", "risk_tier"}, nil},
		{"code normalised", valid(func(s *model.Site) { s.Code = "  acme_sz.1-b " }), nil,
			func(t *testing.T, s model.Site) {
				if s.Code != "ACME_SZ.1-B" {
					t.Errorf("code %q", s.Code)
				}
			}},
		{"code with space", valid(func(s *model.Site) { s.Code = "ACME SZ" }), []string{"code"}, nil},
		{"code with slash", valid(func(s *model.Site) { s.Code = "ACME/SZ" }), []string{"code"}, nil},
		{"code one character", valid(func(s *model.Site) { s.Code = "A" }), []string{"code"}, nil},
		{"code 41 characters", valid(func(s *model.Site) { s.Code = strings.Repeat("A", 41) }), []string{"code"}, nil},
		{"code 40 characters", valid(func(s *model.Site) { s.Code = strings.Repeat("A", 40) }), nil, nil},
		{"country name", valid(func(s *model.Site) { s.Country = "Germany" }), nil,
			func(t *testing.T, s model.Site) {
				if s.Country != "DE" {
					t.Errorf("country %q", s.Country)
				}
			}},
		{"country lower case", valid(func(s *model.Site) { s.Country = "mx" }), nil,
			func(t *testing.T, s model.Site) {
				if s.Country != "MX" {
					t.Errorf("country %q", s.Country)
				}
			}},
		{"country unknown", valid(func(s *model.Site) { s.Country = "XX" }), []string{"country"}, nil},
		{"risk tier unknown", valid(func(s *model.Site) { s.RiskTier = "extreme" }), []string{"risk_tier"}, nil},
		{"risk tier in any case", valid(func(s *model.Site) { s.RiskTier = " High " }), nil,
			func(t *testing.T, s model.Site) {
				if s.RiskTier != model.RiskHigh {
					t.Errorf("risk tier %q", s.RiskTier)
				}
			}},
		{"contact e-mail", valid(func(s *model.Site) { s.ContactEmail = "Jane <jane@example.com>" }), []string{"contact_email"}, nil},
		{"contact e-mail ok", valid(func(s *model.Site) { s.ContactEmail = " jane@example.com " }), nil, nil},
		{"name too long", valid(func(s *model.Site) { s.Name = strings.Repeat("ü", 201) }), []string{"name"}, nil},
		{"name 200 runes", valid(func(s *model.Site) { s.Name = strings.Repeat("ü", 200) }), nil, nil},
		{"phone too long", valid(func(s *model.Site) { s.ContactPhone = strings.Repeat("1", 61) }), []string{"contact_phone"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.site
			got := fieldsOf(t, NormalizeSite(&s))
			if !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
			if tc.check != nil {
				tc.check(t, s)
			}
		})
	}
}

func TestNormalizeProcesses(t *testing.T) {
	many := make([]string, 21)
	for i := range many {
		many[i] = fmt.Sprintf("p%d", i)
	}
	tests := []struct {
		in      []string
		want    []string
		problem bool
	}{
		{nil, []string{}, false},
		{[]string{" SMT ", "smt", "Final Assembly", "final-assembly", "", "  Conformal   Coating "}, []string{"smt", "final_assembly", "conformal coating"}, false},
		{[]string{"box build", "BOX_BUILD"}, []string{"box_build"}, false},
		{many, nil, true},
		{append(many[:20:20], "p0"), nil, false}, // 20 after removing the duplicate
		{[]string{strings.Repeat("x", 60)}, []string{strings.Repeat("x", 60)}, false},
		{[]string{strings.Repeat("x", 61)}, nil, true},
	}
	for _, tc := range tests {
		got, why := NormalizeProcesses(tc.in)
		if (why != "") != tc.problem {
			t.Errorf("NormalizeProcesses(%q) problem %q, want problem %v", tc.in, why, tc.problem)
		}
		if tc.want != nil && !slices.Equal(got, tc.want) {
			t.Errorf("NormalizeProcesses(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNormalizeManufacturer(t *testing.T) {
	tests := []struct {
		name   string
		m      model.Manufacturer
		fields []string
		want   model.Manufacturer
	}{
		{"minimal", model.Manufacturer{Name: "Acme"}, nil, model.Manufacturer{Name: "Acme"}},
		{"normalised", model.Manufacturer{Name: "  Acme   Group ", Country: "usa", Website: " https://acme.example/ "}, nil,
			model.Manufacturer{Name: "Acme Group", Country: "US", Website: "https://acme.example/"}},
		{"empty", model.Manufacturer{}, []string{"name"}, model.Manufacturer{}},
		{"bad country and website", model.Manufacturer{Name: "A", Country: "Q1", Website: "javascript:alert(1)"}, []string{"country", "website"}, model.Manufacturer{}},
		{"website without host", model.Manufacturer{Name: "A", Website: "https://"}, []string{"website"}, model.Manufacturer{}},
		{"legal name too long", model.Manufacturer{Name: "A", LegalName: strings.Repeat("l", 301)}, []string{"legal_name"}, model.Manufacturer{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			got := fieldsOf(t, NormalizeManufacturer(&m))
			if !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
			if tc.fields == nil && (m.Name != tc.want.Name || m.Country != tc.want.Country || m.Website != tc.want.Website) {
				t.Errorf("normalised to %+v, want %+v", m, tc.want)
			}
		})
	}
}
