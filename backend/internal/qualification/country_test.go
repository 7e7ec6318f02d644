package qualification

import (
	"testing"
	"unicode"
)

func TestCountryTable(t *testing.T) {
	if len(countries) != 249 {
		t.Fatalf("%d countries, want the 249 officially assigned codes", len(countries))
	}
	seen := map[string]bool{}
	for i, c := range countries {
		if len(c.alpha2) != 2 || len(c.alpha3) != 3 || c.name == "" {
			t.Errorf("malformed entry %+v", c)
		}
		for _, r := range c.alpha2 + c.alpha3 {
			if !unicode.IsUpper(r) {
				t.Errorf("%+v: codes must be capital letters", c)
			}
		}
		if i > 0 && countries[i-1].alpha2 >= c.alpha2 {
			t.Errorf("%s is out of order or repeated", c.alpha2)
		}
		if seen[c.alpha3] {
			t.Errorf("alpha-3 %s repeated", c.alpha3)
		}
		seen[c.alpha3] = true
		// Each name and alpha-3 code must find its own country, which
		// also proves no two countries share a lookup key.
		for _, s := range []string{c.name, c.alpha3} {
			if got, ok := CountryCode(s); !ok || got != c.alpha2 {
				t.Errorf("CountryCode(%q) = %q, %v; want %s", s, got, ok, c.alpha2)
			}
		}
	}
	for alias, code := range countryAliases {
		if !ValidCountry(code) {
			t.Errorf("alias %q points at unknown code %q", alias, code)
		}
		if got, ok := CountryCode(alias); !ok || got != code {
			t.Errorf("CountryCode(%q) = %q, %v; want %s", alias, got, ok, code)
		}
	}
}

func TestValidCountry(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"DE", true},
		{"CN", true},
		{"TW", true},
		{"ZW", true},
		{"AX", true},
		{"de", false}, // stored codes are capitals; CountryCode accepts the rest
		{"UK", false}, // reserved, not assigned
		{"EU", false},
		{"XX", false},
		{"DEU", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidCountry(tt.code); got != tt.want {
			t.Errorf("ValidCountry(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func TestCountryName(t *testing.T) {
	tests := []struct{ code, want string }{
		{"DE", "Germany"},
		{"us", "United States"},
		{" vn ", "Viet Nam"},
		{"KR", "Korea, Republic of"},
		{"CI", "Côte d'Ivoire"},
		{"XX", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CountryName(tt.code); got != tt.want {
			t.Errorf("CountryName(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

func TestCountryCode(t *testing.T) {
	tests := []struct {
		in     string
		want   string
		wantOK bool
	}{
		{"DE", "DE", true},
		{"de", "DE", true},
		{" mx ", "MX", true},
		{"deu", "DE", true},
		{"Germany", "DE", true},
		{"GERMANY", "DE", true},
		{"USA", "US", true},
		{"U.S.A.", "US", true},
		{"United States", "US", true},
		{"united states of america", "US", true},
		{"UK", "GB", true},
		{"Great Britain", "GB", true},
		{"United Kingdom", "GB", true},
		{"South Korea", "KR", true},
		{"Korea, Republic of", "KR", true},
		{"North Korea", "KP", true},
		{"Taiwan", "TW", true},
		{"Vietnam", "VN", true},
		{"Viet Nam", "VN", true},
		{"Czech Republic", "CZ", true},
		{"Czechia", "CZ", true},
		{"Russia", "RU", true},
		{"China", "CN", true},
		{"The Netherlands", "NL", true},
		{"Cote d'Ivoire", "CI", true},
		{"Côte d’Ivoire", "CI", true},
		{"Turkiye", "TR", true},
		{"Türkiye", "TR", true},
		{"St. Lucia", "LC", true},
		{"Trinidad & Tobago", "TT", true},
		{"Bosnia   and Herzegovina", "BA", true},
		{"Hong Kong", "HK", true},
		{"Narnia", "", false},
		{"XX", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := CountryCode(tt.in)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("CountryCode(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
