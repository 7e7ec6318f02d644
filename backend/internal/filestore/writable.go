package filestore

import (
	"fmt"
	"os"
)

// CheckWritable proves that a file can be created, written, synced and
// removed in dir: a read-only mount or a directory that lost its
// permissions fails here rather than at the next upload or SQLite write.
func CheckWritable(dir string) error {
	f, err := os.CreateTemp(dir, ".ready-*")
	if err != nil {
		return fmt.Errorf("filestore: %s cannot be written: %w", dir, err)
	}
	name := f.Name()
	_, werr := f.Write([]byte("ready\n"))
	serr := f.Sync()
	cerr := f.Close()
	rerr := os.Remove(name)
	for _, err := range []error{werr, serr, cerr, rerr} {
		if err != nil {
			return fmt.Errorf("filestore: %s cannot be written: %w", dir, err)
		}
	}
	return nil
}
