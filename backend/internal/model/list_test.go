package model

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestJSONListStoresAndReads(t *testing.T) {
	v, err := StringList(nil).Value()
	if err != nil || v != "[]" {
		t.Fatalf("empty list stored as %v, %v", v, err)
	}
	v, _ = StringList{"smt", "testing"}.Value()
	var back StringList
	if err := back.Scan(v); err != nil || !slices.Equal(back, StringList{"smt", "testing"}) {
		t.Fatalf("round trip %v, %v", back, err)
	}
	for _, stored := range []any{nil, "null", []byte("[]")} {
		var ids IDList
		if err := ids.Scan(stored); err != nil || ids == nil || len(ids) != 0 {
			t.Errorf("scan %v: %v, %v", stored, ids, err)
		}
	}
	var ids IDList
	if err := ids.Scan(42); err == nil {
		t.Error("an integer column scanned into a list")
	}
	if err := ids.Scan(`["a"]`); err == nil {
		t.Error("text items scanned into an id list")
	}
	b, _ := json.Marshal(struct{ P StringList }{})
	if string(b) != `{"P":[]}` {
		t.Errorf("empty list in JSON: %s", b)
	}
}
