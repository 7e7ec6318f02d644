package filestore

import (
	"context"
	"errors"
	"io"
	"time"
)

// Store is where attachment content is kept, by storage key (Key of its
// SHA-256): a local directory (Files) or an S3 bucket (S3). The database
// rows that refer to a key, and the locks that keep a removal from racing
// an upload, are the store package's; a Store only moves bytes.
//
// A Store answers fs.ErrNotExist (errors.Is) for a key it does not hold,
// and an error for which Unavailable is true when the storage cannot be
// reached, so the API can say 503 rather than 500.
type Store interface {
	// Put stores the size bytes of r under key, unless a complete copy is
	// there already, and reports whether it wrote one. The content
	// appears under key only when whole.
	Put(ctx context.Context, key string, r io.Reader, size int64) (created bool, err error)
	// Open returns the content under key for streaming; Seek lets a
	// download answer a Range request.
	Open(ctx context.Context, key string) (io.ReadSeekCloser, error)
	// Stat describes the content under key.
	Stat(ctx context.Context, key string) (Info, error)
	// Delete removes the content under key; content already gone is no
	// error.
	Delete(ctx context.Context, key string) error
	// List calls fn for every stored key (temporary uploads excluded), in
	// no particular order, until fn returns an error.
	List(ctx context.Context, fn func(Info) error) error
}

// Info describes stored content.
type Info struct {
	Key  string
	Size int64
	// Modified is when the content was last written (for S3, the
	// server's time).
	Modified time.Time
}

// errUnavailable marks errors of storage that cannot be reached (a bucket
// whose server is down, refuses the credentials or is overloaded).
var errUnavailable = errors.New("attachment storage unavailable")

// unavailable wraps err so that Unavailable reports it.
func unavailable(err error) error {
	if err == nil {
		return nil
	}
	return errors.Join(errUnavailable, err)
}

// Unavailable reports whether err says the attachment storage could not
// be reached: nothing was stored or read, and the request can be tried
// again later.
func Unavailable(err error) bool { return errors.Is(err, errUnavailable) }
