// Package qualification owns qualtrack's domain rules: which status a site
// may move to and what a move requires, when a site is next due for
// inspection, what a certificate's status is, and what makes an inspection
// or a finding valid. Everything here is a plain function over plain
// values, free of HTTP and the database.
package qualification

import (
	"sort"
	"strings"
)

// ValidationError is input that breaks a rule. Fields maps a field name to
// what is wrong with it, in words the user can act on. The API answers it
// with 422 validation_failed.
type ValidationError struct {
	Message string
	Fields  map[string]string
}

func (e *ValidationError) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + ": " + e.Fields[k]
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// Problems collects field problems and turns them into a ValidationError.
type Problems map[string]string

// Add records why field is wrong; the first reason for a field wins.
func (p Problems) Add(field, why string) {
	if _, ok := p[field]; !ok {
		p[field] = why
	}
}

// Err returns nil when there are no problems, else a *ValidationError.
func (p Problems) Err(message string) error {
	if len(p) == 0 {
		return nil
	}
	if message == "" {
		message = "Some fields are not valid."
	}
	return &ValidationError{Message: message, Fields: map[string]string(p)}
}
