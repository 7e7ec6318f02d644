package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// refreshBatch is how many sites one transaction of RefreshSchedules
// recomputes, so a large register never holds the write lock for long.
const refreshBatch = 200

// intervalsSetting is the settings key holding the intervals the stored
// due dates were computed with.
const intervalsSetting = "inspection_intervals"

// settingRow is a row of the settings table.
type settingRow struct {
	Key       string `gorm:"primaryKey"`
	Value     string
	UpdatedAt time.Time
}

func (settingRow) TableName() string { return "settings" }

// RefreshSchedules recomputes every site's inspection schedule in batches
// and returns how many sites it went through.
func (s *Store) RefreshSchedules(ctx context.Context) (int, error) {
	var lastID int64
	n := 0
	for {
		var ids []int64
		err := s.db.WithContext(ctx).Model(&model.Site{}).Where("id > ?", lastID).Order("id").Limit(refreshBatch).Pluck("id", &ids).Error
		if err != nil {
			return n, fmt.Errorf("store: refresh schedules: %w", err)
		}
		if len(ids) == 0 {
			return n, nil
		}
		err = s.tx(ctx, func(tx *gorm.DB) error {
			for _, id := range ids {
				if err := s.refreshSiteSchedule(tx, id); err != nil && !errors.Is(err, ErrNotFound) {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return n, err
		}
		n += len(ids)
		lastID = ids[len(ids)-1]
	}
}

// intervalsFingerprint is the stored form of the intervals in force.
func (s *Store) intervalsFingerprint() string {
	parts := make([]string, len(model.RiskTiers))
	for i, t := range model.RiskTiers {
		parts[i] = fmt.Sprintf("%s=%d", t, s.rules.Intervals.Months(t))
	}
	return strings.Join(parts, ",")
}

// RefreshSchedulesIfIntervalsChanged recomputes every site's schedule when
// the inspection intervals differ from those the stored due dates were
// computed with (a changed QUALTRACK_INSPECTION_INTERVAL_MONTHS), then
// remembers the intervals. It reports whether it refreshed.
func (s *Store) RefreshSchedulesIfIntervalsChanged(ctx context.Context) (bool, error) {
	want := s.intervalsFingerprint()
	var cur settingRow
	err := s.db.WithContext(ctx).Where("key = ?", intervalsSetting).Take(&cur).Error
	switch {
	case err == nil && cur.Value == want:
		return false, nil
	case err != nil && !errors.Is(err, gorm.ErrRecordNotFound):
		return false, fmt.Errorf("store: read intervals setting: %w", err)
	case err != nil:
		// Nothing recorded yet: on a new database there is no schedule to
		// redo, only the intervals to remember.
		var sites int64
		if err := s.db.WithContext(ctx).Model(&model.Site{}).Count(&sites).Error; err != nil {
			return false, fmt.Errorf("store: count sites: %w", err)
		}
		if sites == 0 {
			return false, s.RememberIntervals(ctx)
		}
	}
	if _, err := s.RefreshSchedules(ctx); err != nil {
		return false, err
	}
	return true, s.RememberIntervals(ctx)
}

// RememberIntervals records the intervals in force as those the stored due
// dates follow, for a writer that computed the dates itself (the bulk seed).
func (s *Store) RememberIntervals(ctx context.Context) error {
	row := settingRow{Key: intervalsSetting, Value: s.intervalsFingerprint(), UpdatedAt: s.Now()}
	err := s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "key"}},
		DoUpdates: clause.AssignmentColumns([]string{"value", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("store: save intervals setting: %w", err)
	}
	return nil
}
