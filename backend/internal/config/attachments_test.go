package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Attachments stay in the local directory unless an s3:// URL is set; the
// S3 settings come from QUALTRACK_S3_* or, failing those, the standard AWS
// variables; the secret may come from a file; bad values name their
// variable. .env.example lists every variable with its default.
func TestAttachmentSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil || c.ObjectStorage() || c.Attachments.OrphanMinAge != DefaultOrphanMinAge || c.Attachments.S3 != (S3{}) {
		t.Fatalf("defaults: %+v %v", c.Attachments, err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", ".env.example"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"QUALTRACK_ATTACHMENTS_URL=", "QUALTRACK_S3_ENDPOINT=", "QUALTRACK_S3_REGION=",
		"QUALTRACK_S3_ACCESS_KEY_ID=", "QUALTRACK_S3_SECRET_ACCESS_KEY=", "QUALTRACK_S3_SECRET_ACCESS_KEY_FILE=",
		"QUALTRACK_S3_PATH_STYLE=false", "QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE=1h"} {
		if !strings.Contains(string(raw), "\n"+line+"\n") {
			t.Errorf(".env.example lacks %s", line)
		}
	}

	secretFile := filepath.Join(t.TempDir(), "s3-secret")
	if err := os.WriteFile(secretFile, []byte("minio-secret-from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err = Load(env(map[string]string{
		"QUALTRACK_ATTACHMENTS_URL": "s3://qualtrack/attachments", "QUALTRACK_S3_ENDPOINT": "http://minio:9000",
		"QUALTRACK_S3_REGION": "eu-central-1", "QUALTRACK_S3_ACCESS_KEY_ID": "qualtrack",
		"QUALTRACK_S3_SECRET_ACCESS_KEY_FILE": secretFile, "QUALTRACK_S3_PATH_STYLE": "true",
		"QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE": "30m",
		"AWS_ACCESS_KEY_ID":                    "ignored", "AWS_SECRET_ACCESS_KEY": "ignored", "AWS_REGION": "us-west-2",
	}))
	want := Attachments{URL: "s3://qualtrack/attachments", OrphanMinAge: 30 * time.Minute,
		S3: S3{Endpoint: "http://minio:9000", Region: "eu-central-1", AccessKeyID: "qualtrack", SecretAccessKey: "minio-secret-from-file", PathStyle: true}}
	if err != nil || !c.ObjectStorage() || c.Attachments != want {
		t.Fatalf("set: %+v %v; want %+v", c.Attachments, err, want)
	}

	c, err = Load(env(map[string]string{"QUALTRACK_ATTACHMENTS_URL": "s3://bucket", "AWS_ACCESS_KEY_ID": "AKIA",
		"AWS_SECRET_ACCESS_KEY": "aws-secret", "AWS_SESSION_TOKEN": "session", "AWS_DEFAULT_REGION": "eu-west-1",
		"AWS_ENDPOINT_URL": "https://s3.eu-west-1.amazonaws.com"}))
	wantS3 := S3{Endpoint: "https://s3.eu-west-1.amazonaws.com", Region: "eu-west-1", AccessKeyID: "AKIA", SecretAccessKey: "aws-secret", SessionToken: "session"}
	if err != nil || c.Attachments.S3 != wantS3 {
		t.Fatalf("from AWS variables: %+v %v", c.Attachments.S3, err)
	}

	for name, vars := range map[string]map[string]string{
		"QUALTRACK_ATTACHMENTS_URL":            {"QUALTRACK_ATTACHMENTS_URL": "/var/lib/qualtrack/attachments"},
		"QUALTRACK_S3_ENDPOINT":                {"QUALTRACK_S3_ENDPOINT": "ftp://minio"},
		"QUALTRACK_S3_PATH_STYLE":              {"QUALTRACK_S3_PATH_STYLE": "sometimes"},
		"QUALTRACK_S3_ACCESS_KEY_ID":           {"QUALTRACK_S3_ACCESS_KEY_ID": "only-the-id"},
		"QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE": {"QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE": "5s"},
		"QUALTRACK_S3_SECRET_ACCESS_KEY":       {"QUALTRACK_S3_SECRET_ACCESS_KEY": "a", "QUALTRACK_S3_SECRET_ACCESS_KEY_FILE": secretFile},
	} {
		if _, err := Load(env(vars)); err == nil || !strings.Contains(err.Error(), name+":") {
			t.Errorf("%v: %v; want an error naming %s", vars, err, name)
		}
	}
}
