package qualification

import "testing"

// FuzzCountryCode: whatever is typed, CountryCode answers a stored code
// (two capital letters that ValidCountry accepts and that map to a name
// leading back to the same code) or nothing.
func FuzzCountryCode(f *testing.F) {
	for _, s := range []string{"DE", "de", " cn ", "DEU", "Germany", "the Netherlands", "U.S.A.", "Côte d'Ivoire",
		"St Lucia", "Bosnia & Herzegovina", "XX", "", "Deutschland", "\u00a0DE", "ＤＥ", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		code, ok := CountryCode(s)
		if !ok {
			if code != "" {
				t.Fatalf("CountryCode(%q) = %q but not ok", s, code)
			}
		} else {
			if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' || !ValidCountry(code) {
				t.Fatalf("CountryCode(%q) = %q, not a stored code", s, code)
			}
			name := CountryName(code)
			if name == "" {
				t.Fatalf("code %q has no name", code)
			}
			if again, ok := CountryCode(code); !ok || again != code {
				t.Fatalf("CountryCode(%q) = %q, %v", code, again, ok)
			}
			if byName, ok := CountryCode(name); !ok || byName != code {
				t.Fatalf("name %q of %q gives %q, %v", name, code, byName, ok)
			}
		}
		if ValidCountry(s) {
			if c, ok := CountryCode(s); !ok || c != s {
				t.Fatalf("valid code %q: CountryCode = %q, %v", s, c, ok)
			}
		}
	})
}
