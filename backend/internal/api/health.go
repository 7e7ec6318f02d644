package api

import (
	"context"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/database"
	"github.com/qualtrack/qualtrack/backend/internal/filestore"
)

func (s *Server) healthz(c *gin.Context) error {
	c.JSON(http.StatusOK, gin.H{"status": "ok"})
	return nil
}

// readyz answers 200 only when the database answers, every migration is
// applied and the data directory (the SQLite file, attachments, keys and
// checkpoints) can be written and has room, so a load balancer sends no
// traffic to a half-started node or to one that would fail every write.
func (s *Server) readyz(c *gin.Context) error {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 2*time.Second)
	defer cancel()
	if err := database.Ping(ctx, s.db); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "database unreachable"})
		return nil
	}
	current, err := database.Current(ctx, s.db)
	if err != nil || !current {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": "migrations pending"})
		return nil
	}
	if status := s.storageProblem(); status != "" {
		c.JSON(http.StatusServiceUnavailable, gin.H{"status": status})
		return nil
	}
	c.JSON(http.StatusOK, gin.H{"status": "ready"})
	return nil
}

// storageProblem is readyz's status for a data directory that cannot be
// written or is (nearly) full, or "" when it is fine. The details go to
// the log, for the operator; the public answer names only the problem.
func (s *Server) storageProblem() string {
	dirs := []string{s.cfg.DataDir}
	if st, err := os.Stat(s.cfg.AttachmentsDir()); err == nil && st.IsDir() {
		dirs = append(dirs, s.cfg.AttachmentsDir())
	}
	for _, dir := range dirs {
		if err := filestore.CheckWritable(dir); err != nil {
			s.log.Warn("not ready: the data directory cannot be written", "err", err)
			return "data directory not writable"
		}
	}
	free, err := s.freeSpace(s.cfg.DataDir)
	if err != nil {
		return "" // not known here: the write check above stands
	}
	need := uint64(max(s.cfg.MinFreeDiskMB, 0)) << 20
	if free == 0 || free < need {
		s.log.Warn("not ready: the data directory's disk is full", "dir", s.cfg.DataDir, "free_mb", free>>20,
			"min_free_mb", s.cfg.MinFreeDiskMB, "setting", "QUALTRACK_MIN_FREE_DISK_MB")
		return "disk full"
	}
	return ""
}
