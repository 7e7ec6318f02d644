package model

import "time"

// UserManufacturerScope limits a user (an auditor) to one manufacturer's
// records; a user with no rows is not limited.
type UserManufacturerScope struct {
	UserID         int64     `gorm:"primaryKey;autoIncrement:false" json:"user_id"`
	ManufacturerID int64     `gorm:"primaryKey;autoIncrement:false" json:"manufacturer_id"`
	CreatedAt      time.Time `json:"created_at"`
}

// UserTOTP is a user's authenticator secret (encrypted) and whether a
// confirmed code has switched two-factor sign-in on.
type UserTOTP struct {
	UserID    int64     `gorm:"primaryKey;autoIncrement:false" json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	SecretEnc string    `json:"-"`
	Enabled   bool      `json:"enabled"`
	// LastStep is the 30-second step of the last accepted code; a code of
	// that step or an earlier one is refused, so none is used twice.
	LastStep int64 `json:"-"`
}

// TableName is user_totp.
func (UserTOTP) TableName() string { return "user_totp" }

// TOTPRecoveryCode is one single-use recovery code, stored as its SHA-256.
type TOTPRecoveryCode struct {
	ID        int64      `gorm:"primaryKey" json:"id"`
	CreatedAt time.Time  `json:"created_at"`
	UserID    int64      `json:"user_id"`
	CodeHash  string     `gorm:"size:255" json:"-"`
	UsedAt    *time.Time `json:"used_at"`
}

// LoginFailure is one failed sign-in counted against one limit: KeyHash
// is the SHA-256 of what the limit is about (see auth.LoginLimits).
type LoginFailure struct {
	ID        int64     `gorm:"primaryKey"`
	CreatedAt time.Time `gorm:"autoCreateTime:false"`
	KeyHash   string
}

// UserSiteScope narrows a supplier to one of its manufacturer's sites; a
// supplier with no rows reads all of its manufacturer's sites.
type UserSiteScope struct {
	UserID    int64     `gorm:"primaryKey;autoIncrement:false" json:"user_id"`
	SiteID    int64     `gorm:"primaryKey;autoIncrement:false" json:"site_id"`
	CreatedAt time.Time `json:"created_at"`
}
