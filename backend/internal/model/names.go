package model

import (
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// NameKey is the form in which names are compared for uniqueness: NFKC
// (compatibility forms such as fullwidth letters and ligatures become
// their plain letters), case-folded, spaces collapsed. Two names with the
// same key look the same to a reader, so only one may exist.
func NameKey(name string) string {
	s := norm.NFKC.String(strings.Join(strings.Fields(name), " "))
	// Folding can undo normalisation (e.g. some Greek letters), so
	// normalise again.
	return norm.NFKC.String(cases.Fold().String(s))
}

// BeforeSave keeps the unique key in step with the name on every write,
// whichever path makes it (the API, an import, the seeds).
func (m *Manufacturer) BeforeSave(*gorm.DB) error {
	m.NameKey = NameKey(m.Name)
	return nil
}
