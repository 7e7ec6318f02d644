package filestore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Location is a bucket and a key prefix, from s3://bucket/prefix.
type S3Location struct {
	Bucket string
	// Prefix is "" or ends with "/".
	Prefix string
}

// ParseS3URL reads s3://bucket[/prefix].
func ParseS3URL(raw string) (S3Location, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "s3" || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return S3Location{}, fmt.Errorf("%q is not an s3://bucket/prefix URL", raw)
	}
	prefix := strings.Trim(u.Path, "/")
	if strings.Contains(prefix, "//") || strings.Contains("/"+prefix+"/", "/../") || strings.Contains("/"+prefix+"/", "/./") {
		return S3Location{}, fmt.Errorf("%q: the prefix must be plain path segments", raw)
	}
	if prefix != "" {
		prefix += "/"
	}
	return S3Location{Bucket: u.Host, Prefix: prefix}, nil
}

func (l S3Location) String() string { return "s3://" + l.Bucket + "/" + l.Prefix }

// S3Options says how to reach an S3-compatible service.
type S3Options struct {
	// Endpoint is host[:port] or an http(s):// URL; http:// turns TLS off.
	Endpoint string
	Region   string
	// AccessKeyID and SecretAccessKey (and SessionToken for temporary
	// credentials) sign the requests; empty: anonymous.
	AccessKeyID, SecretAccessKey, SessionToken string
	// PathStyle addresses the bucket as endpoint/bucket (MinIO, SeaweedFS,
	// Ceph without wildcard DNS) rather than bucket.endpoint.
	PathStyle bool
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper
}

// S3 keeps content as objects <prefix><2 hex>/<sha256> in a bucket.
type S3 struct {
	client *minio.Client
	loc    S3Location
}

// s3MaxRetries bounds minio-go's retries of a failed request, so a bucket
// that is down answers a request in seconds, not after a minute.
const s3MaxRetries = 3

// NewS3 returns the store at loc. It does not contact the service.
func NewS3(loc S3Location, o S3Options) (*S3, error) {
	if loc.Bucket == "" {
		return nil, errors.New("filestore: s3: no bucket")
	}
	endpoint, secure := o.Endpoint, true
	if strings.Contains(endpoint, "://") {
		u, err := url.Parse(endpoint)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") != "" {
			return nil, fmt.Errorf("filestore: s3: endpoint %q must be host[:port] or http(s)://host[:port]", o.Endpoint)
		}
		endpoint, secure = u.Host, u.Scheme == "https"
	}
	if endpoint == "" {
		endpoint = "s3.amazonaws.com"
	}
	lookup := minio.BucketLookupAuto
	if o.PathStyle {
		lookup = minio.BucketLookupPath
	}
	var creds *credentials.Credentials
	if o.AccessKeyID != "" || o.SecretAccessKey != "" {
		creds = credentials.NewStaticV4(o.AccessKeyID, o.SecretAccessKey, o.SessionToken)
	} else {
		creds = credentials.NewStatic("", "", "", credentials.SignatureAnonymous)
	}
	client, err := minio.New(endpoint, &minio.Options{Creds: creds, Secure: secure, Region: o.Region,
		BucketLookup: lookup, Transport: o.Transport, MaxRetries: s3MaxRetries})
	if err != nil {
		return nil, fmt.Errorf("filestore: s3: %w", err)
	}
	return &S3{client: client, loc: loc}, nil
}

func (s *S3) object(key string) string { return s.loc.Prefix + key }

// Put uploads r unless an object of that size is already under key. A
// single PUT (or a multipart upload's completion) makes the object
// appear whole or not at all; the bytes sent are hashed on the way, and
// an object whose bytes do not match the key is removed again.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64) (bool, error) {
	if !ValidKey(key) {
		return false, fmt.Errorf("filestore: invalid key %q", key)
	}
	if info, err := s.Stat(ctx, key); err == nil && info.Size == size {
		return false, nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	h := sha256.New()
	_, err := s.client.PutObject(ctx, s.loc.Bucket, s.object(key), io.TeeReader(r, h), size,
		minio.PutObjectOptions{ContentType: "application/octet-stream"})
	if err != nil {
		return false, s.fail("put", key, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); Key(got) != key {
		_ = s.Delete(context.WithoutCancel(ctx), key)
		return false, fmt.Errorf("filestore: s3: content sent for %s has SHA-256 %s", key, got)
	}
	return true, nil
}

// Open streams the object; reading and seeking issue ranged GETs, so a
// Range request fetches only its bytes. The object is looked up first, so
// a missing object or an unreachable bucket is reported here, before a
// response is started.
func (s *S3) Open(ctx context.Context, key string) (io.ReadSeekCloser, error) {
	if !ValidKey(key) {
		return nil, fmt.Errorf("filestore: invalid key %q", key)
	}
	obj, err := s.client.GetObject(ctx, s.loc.Bucket, s.object(key), minio.GetObjectOptions{})
	if err != nil {
		return nil, s.fail("open", key, err)
	}
	if _, err := obj.Stat(); err != nil {
		_ = obj.Close()
		return nil, s.fail("open", key, err)
	}
	return obj, nil
}

// Stat describes the object under key.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if !ValidKey(key) {
		return Info{}, fmt.Errorf("filestore: invalid key %q", key)
	}
	st, err := s.client.StatObject(ctx, s.loc.Bucket, s.object(key), minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s.fail("stat", key, err)
	}
	return Info{Key: key, Size: st.Size, Modified: st.LastModified}, nil
}

// Delete removes the object under key (S3 answers a missing one with
// success too).
func (s *S3) Delete(ctx context.Context, key string) error {
	if !ValidKey(key) {
		return fmt.Errorf("filestore: invalid key %q", key)
	}
	if err := s.client.RemoveObject(ctx, s.loc.Bucket, s.object(key), minio.RemoveObjectOptions{}); err != nil {
		if err := s.fail("delete", key, err); !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// List calls fn for every object under the prefix whose name is a key.
func (s *S3) List(ctx context.Context, fn func(Info) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the listing goroutine when fn fails
	for obj := range s.client.ListObjects(ctx, s.loc.Bucket, minio.ListObjectsOptions{Prefix: s.loc.Prefix, Recursive: true}) {
		if obj.Err != nil {
			return s.fail("list", "", obj.Err)
		}
		key := strings.TrimPrefix(obj.Key, s.loc.Prefix)
		if !ValidKey(key) {
			continue
		}
		if err := fn(Info{Key: key, Size: obj.Size, Modified: obj.LastModified}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// fail names what failed and classifies it: a missing object wraps
// fs.ErrNotExist; a service that cannot be reached, refuses the
// credentials, lacks the bucket or is overloaded is Unavailable.
func (s *S3) fail(op, key string, err error) error {
	wrapped := fmt.Errorf("filestore: s3 %s %s%s: %w", op, s.loc, key, err)
	resp := minio.ToErrorResponse(err)
	switch {
	case resp.Code == minio.NoSuchKey || resp.Code == "NotFound" || (resp.Code == "" && resp.StatusCode == http.StatusNotFound && key != ""):
		return fmt.Errorf("%w (%w)", wrapped, fs.ErrNotExist)
	case errors.Is(err, context.Canceled):
		return wrapped
	case resp.Code == "", resp.StatusCode >= 500, resp.StatusCode == http.StatusForbidden, resp.StatusCode == http.StatusUnauthorized,
		resp.Code == minio.NoSuchBucket, resp.Code == "AccessDenied", resp.Code == "InvalidAccessKeyId", resp.Code == "SignatureDoesNotMatch", resp.Code == "SlowDown":
		return unavailable(wrapped)
	}
	return wrapped
}
