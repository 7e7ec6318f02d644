package config

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/qualtrack/qualtrack/backend/internal/filestore"
)

// DefaultOrphanMinAge is how old an unreferenced attachment file must be
// before `qualtrack attachments clean-up` removes it.
const DefaultOrphanMinAge = time.Hour

// Attachments says where attachment content is kept.
type Attachments struct {
	// URL is "" for the local directory under DataDir (the default) or
	// s3://bucket/prefix for an S3-compatible bucket.
	URL string
	// S3 is how to reach the bucket; it also serves s3:// URLs given to
	// `qualtrack attachments migrate`.
	S3 S3
	// OrphanMinAge spares files younger than this from the clean-up: they
	// may belong to an upload whose row is not yet committed.
	OrphanMinAge time.Duration
}

// S3 are the settings of the S3-compatible service.
type S3 struct {
	// Endpoint is host[:port] or http(s)://host[:port]; "" is AWS S3.
	Endpoint string
	Region   string
	// AccessKeyID, SecretAccessKey and SessionToken: "" for anonymous
	// access (or credentials the service does not check).
	AccessKeyID, SecretAccessKey, SessionToken string
	// PathStyle addresses the bucket in the path (MinIO, SeaweedFS).
	PathStyle bool
}

// loadAttachments reads QUALTRACK_ATTACHMENTS_URL and the S3 settings.
// Each S3 setting falls back to the standard AWS variable, so a host that
// already has AWS_* set needs only the URL.
func loadAttachments(c *Config, getenv func(string) string, bad func(name, format string, a ...any)) {
	a := Attachments{URL: strings.TrimSpace(getenv("QUALTRACK_ATTACHMENTS_URL")), OrphanMinAge: DefaultOrphanMinAge}
	first := func(names ...string) string {
		for _, n := range names {
			if v := strings.TrimSpace(getenv(n)); v != "" {
				return v
			}
		}
		return ""
	}
	a.S3.Endpoint = first("QUALTRACK_S3_ENDPOINT", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
	a.S3.Region = first("QUALTRACK_S3_REGION", "AWS_REGION", "AWS_DEFAULT_REGION")
	a.S3.AccessKeyID = first("QUALTRACK_S3_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID")
	a.S3.SessionToken = first("AWS_SESSION_TOKEN")
	secret, err := readKeySetting(getenv, "QUALTRACK_S3_SECRET_ACCESS_KEY")
	if err != nil {
		bad("QUALTRACK_S3_SECRET_ACCESS_KEY", "%v", err)
	}
	a.S3.SecretAccessKey = string(secret)
	if a.S3.SecretAccessKey == "" {
		a.S3.SecretAccessKey = first("AWS_SECRET_ACCESS_KEY")
	}
	if (a.S3.AccessKeyID == "") != (a.S3.SecretAccessKey == "") {
		bad("QUALTRACK_S3_ACCESS_KEY_ID", "QUALTRACK_S3_ACCESS_KEY_ID and QUALTRACK_S3_SECRET_ACCESS_KEY (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY) must be set together")
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_S3_PATH_STYLE")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			bad("QUALTRACK_S3_PATH_STYLE", "must be true or false, not %q", v)
		}
		a.S3.PathStyle = b
	}
	if e := a.S3.Endpoint; strings.Contains(e, "://") {
		u, err := url.Parse(e)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
			bad("QUALTRACK_S3_ENDPOINT", "must be host[:port] or http(s)://host[:port], not %q", e)
		}
	}
	if a.URL != "" {
		if _, err := filestore.ParseS3URL(a.URL); err != nil {
			bad("QUALTRACK_ATTACHMENTS_URL", "%v (leave it empty for the local directory)", err)
		}
	}
	if v := strings.TrimSpace(getenv("QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 30*24*time.Hour {
			bad("QUALTRACK_ATTACHMENTS_ORPHAN_MIN_AGE", "must be a duration from 1m to 720h, e.g. 1h, not %q", v)
		}
		a.OrphanMinAge = d
	}
	c.Attachments = a
}

// ObjectStorage reports whether attachments are kept in a bucket.
func (c Config) ObjectStorage() bool { return c.Attachments.URL != "" }
