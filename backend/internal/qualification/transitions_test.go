package qualification

import (
	"slices"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

func TestCanTransitionEveryPair(t *testing.T) {
	// Written out from docs/rules.md independently of the transitions map.
	allowed := map[[2]model.QualificationStatus]bool{
		{"prospective", "in_qualification"}:  true,
		{"prospective", "disqualified"}:      true,
		{"in_qualification", "qualified"}:    true,
		{"in_qualification", "conditional"}:  true,
		{"in_qualification", "disqualified"}: true,
		{"qualified", "conditional"}:         true,
		{"qualified", "suspended"}:           true,
		{"qualified", "disqualified"}:        true,
		{"conditional", "qualified"}:         true,
		{"conditional", "suspended"}:         true,
		{"conditional", "disqualified"}:      true,
		{"suspended", "in_qualification"}:    true,
		{"suspended", "qualified"}:           true,
		{"suspended", "disqualified"}:        true,
		{"disqualified", "in_qualification"}: true,
	}
	n := 0
	for _, from := range model.QualificationStatuses {
		for _, to := range model.QualificationStatuses {
			n++
			want := allowed[[2]model.QualificationStatus{from, to}]
			t.Run(string(from)+"->"+string(to), func(t *testing.T) {
				if got := CanTransition(from, to); got != want {
					t.Errorf("CanTransition(%s, %s) = %v, want %v", from, to, got, want)
				}
				if got := slices.Contains(AllowedTargets(from), to); got != want {
					t.Errorf("AllowedTargets(%s) contains %s = %v, want %v", from, to, got, want)
				}
			})
		}
	}
	if n != 36 {
		t.Fatalf("checked %d pairs, want 36", n)
	}
}

func TestCanTransitionUnknown(t *testing.T) {
	tests := []struct{ from, to model.QualificationStatus }{
		{"", "qualified"},
		{"bogus", "qualified"},
		{"qualified", ""},
		{"qualified", "bogus"},
	}
	for _, tt := range tests {
		if CanTransition(tt.from, tt.to) {
			t.Errorf("CanTransition(%q, %q) = true", tt.from, tt.to)
		}
	}
}

func TestAllowedTargets(t *testing.T) {
	tests := []struct {
		from model.QualificationStatus
		want []model.QualificationStatus
	}{
		{"prospective", []model.QualificationStatus{"in_qualification", "disqualified"}},
		{"in_qualification", []model.QualificationStatus{"qualified", "conditional", "disqualified"}},
		{"qualified", []model.QualificationStatus{"conditional", "suspended", "disqualified"}},
		{"conditional", []model.QualificationStatus{"qualified", "suspended", "disqualified"}},
		{"suspended", []model.QualificationStatus{"in_qualification", "qualified", "disqualified"}},
		{"disqualified", []model.QualificationStatus{"in_qualification"}},
		{"bogus", nil},
		{"", nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.from), func(t *testing.T) {
			got := AllowedTargets(tt.from)
			if !slices.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("AllowedTargets(%q) = %v, want %v", tt.from, got, tt.want)
			}
		})
	}
}

func TestAllowedTargetsReturnsACopy(t *testing.T) {
	got := AllowedTargets(model.StatusDisqualified)
	got[0] = model.StatusQualified
	if CanTransition(model.StatusDisqualified, model.StatusQualified) {
		t.Fatal("changing the returned slice changed the transition table")
	}
}

func TestAllowedTargetsMessage(t *testing.T) {
	tests := []struct {
		from model.QualificationStatus
		want string
	}{
		{"prospective", "A prospective site can move to in qualification or disqualified."},
		{"in_qualification", "A site in qualification can move to qualified, conditional or disqualified."},
		{"qualified", "A qualified site can move to conditional, suspended or disqualified."},
		{"conditional", "A conditionally qualified site can move to qualified, suspended or disqualified."},
		{"suspended", "A suspended site can move to in qualification, qualified or disqualified."},
		{"disqualified", "A disqualified site can move to in qualification."},
		{"bogus", `The site's current status "bogus" is not known, so it cannot move.`},
	}
	for _, tt := range tests {
		t.Run(string(tt.from), func(t *testing.T) {
			if got := AllowedTargetsMessage(tt.from); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestStatusLabel(t *testing.T) {
	tests := []struct {
		s    model.QualificationStatus
		want string
	}{
		{"in_qualification", "in qualification"},
		{"qualified", "qualified"},
		{"bogus", `"bogus"`},
		{"", `""`},
	}
	for _, tt := range tests {
		if got := StatusLabel(tt.s); got != tt.want {
			t.Errorf("StatusLabel(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestJoinOrAnd(t *testing.T) {
	tests := []struct {
		words       []string
		wantOr, and string
	}{
		{nil, "", ""},
		{[]string{"a"}, "a", "a"},
		{[]string{"a", "b"}, "a or b", "a and b"},
		{[]string{"a", "b", "c"}, "a, b or c", "a, b and c"},
	}
	for _, tt := range tests {
		if got := joinOr(tt.words); got != tt.wantOr {
			t.Errorf("joinOr(%q) = %q, want %q", tt.words, got, tt.wantOr)
		}
		if got := joinAnd(tt.words); got != tt.and {
			t.Errorf("joinAnd(%q) = %q, want %q", tt.words, got, tt.and)
		}
	}
}
