package filestore

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanName(t *testing.T) {
	long := strings.Repeat("a", 1000) + ".pdf"
	longUnicode := strings.Repeat("检", 200) + ".xlsx" // 600 bytes of 3-byte characters
	tests := []struct {
		name, in, want string
	}{
		{"plain", "report.pdf", "report.pdf"},
		{"unix traversal", "../../etc/passwd", "passwd"},
		{"windows traversal", `..\..\windows\system.ini`, "system.ini"},
		{"absolute path", "/var/lib/qualtrack/x.pdf", "x.pdf"},
		{"unicode kept", "Prüfbericht 检验报告.pdf", "Prüfbericht 检验报告.pdf"},
		{"no extension", "README", "README"},
		{"quotes and semicolon kept", `a "quoted"; name.txt`, `a "quoted"; name.txt`},
		{"newlines and tabs removed", "line\r\nbreak\t.txt", "linebreak.txt"},
		{"NUL removed", "evil.pdf\x00.exe", "evil.pdf.exe"},
		{"bidi override removed", "invoice\u202Efdp.exe", "invoicefdp.exe"},
		{"leading dots removed", ".htaccess", "htaccess"},
		{"dots only", "..", DefaultName},
		{"trailing dots and blanks", "name.pdf. . ", "name.pdf"},
		{"empty", "", DefaultName},
		{"separator only", "dir/", DefaultName},
		{"blank", "  \t ", DefaultName},
		{"invalid utf-8 dropped", "bad\xff\xfename.txt", "badname.txt"},
		{"long keeps extension", long, strings.Repeat("a", 251) + ".pdf"},
		{"long unicode cut on a character", longUnicode, strings.Repeat("检", 83) + ".xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CleanName(tt.in)
			if got != tt.want {
				t.Errorf("CleanName(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if len(got) > MaxNameBytes || !utf8.ValidString(got) {
				t.Errorf("CleanName(%q) = %q: %d bytes, valid UTF-8 %v", tt.in, got, len(got), utf8.ValidString(got))
			}
		})
	}
}
