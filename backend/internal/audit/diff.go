package audit

import (
	"encoding/json"
	"reflect"
)

// ignoredFields change on every write and say nothing about what changed.
var ignoredFields = map[string]bool{"updated_at": true, "version": true}

// Diff returns {field: [old, new]} for every JSON field that differs
// between before and after (nil before means a creation). Fields hidden
// from JSON, such as password hashes, never appear.
func Diff(before, after any) map[string][2]any {
	a, b := fields(before), fields(after)
	out := map[string][2]any{}
	for k, nv := range b {
		if ignoredFields[k] {
			continue
		}
		ov, had := a[k]
		if !had || !reflect.DeepEqual(ov, nv) {
			if !had && before != nil && nv == nil {
				continue
			}
			out[k] = [2]any{ov, nv}
		}
	}
	for k, ov := range a {
		if _, ok := b[k]; !ok && !ignoredFields[k] {
			out[k] = [2]any{ov, nil}
		}
	}
	return out
}

// Deleted is the changes of a deletion: the whole record as it was.
func Deleted(record any) map[string]any {
	return map[string]any{"deleted": record}
}

func fields(v any) map[string]any {
	if v == nil {
		return map[string]any{}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return map[string]any{}
	}
	m := map[string]any{}
	_ = json.Unmarshal(b, &m)
	return m
}
