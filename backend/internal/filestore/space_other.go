//go:build !unix

package filestore

import "errors"

// FreeBytes is not known on this system; readiness then checks only that
// the directory can be written.
func FreeBytes(string) (uint64, error) {
	return 0, errors.New("filestore: free space is not known on this system")
}
