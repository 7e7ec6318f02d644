package qualification

import (
	"errors"
	"maps"
	"testing"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// date parses a YYYY-MM-DD literal in a test table.
func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// checkFields asserts that err is nil when want is nil, else a
// *ValidationError with exactly the fields in want.
func checkFields(t *testing.T, err error, want map[string]string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("got error %v, want none", err)
		}
		return
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %v (%T), want a *ValidationError", err, err)
	}
	if !maps.Equal(ve.Fields, want) {
		t.Errorf("fields:\n got  %q\n want %q", ve.Fields, want)
	}
}

func TestProblems(t *testing.T) {
	p := Problems{}
	if err := p.Err("x"); err != nil {
		t.Fatalf("empty problems gave %v", err)
	}
	p.Add("name", "first")
	p.Add("name", "second")
	p.Add("age", "too old")
	err := p.Err("")
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("got %T", err)
	}
	if ve.Message != "Some fields are not valid." {
		t.Errorf("default message = %q", ve.Message)
	}
	if got, want := err.Error(), "Some fields are not valid. (age: too old; name: first)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got := (&ValidationError{Message: "plain"}).Error(); got != "plain" {
		t.Errorf("Error() without fields = %q", got)
	}
}
