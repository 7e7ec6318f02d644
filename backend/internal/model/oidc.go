package model

import "time"

// OIDCLogin is a sign-in at the identity provider under way. The browser
// holds the state; its hash finds the row, which is deleted when the
// browser comes back, so a state works once.
type OIDCLogin struct {
	Base
	StateHash    string `gorm:"size:64"`
	Nonce        string `gorm:"size:100"`
	CodeVerifier string `gorm:"size:200"`
	ExpiresAt    time.Time
}

// OIDCIdentity links an account at the identity provider (issuer and
// subject) to a qualtrack user.
type OIDCIdentity struct {
	Base
	UserID  int64
	Issuer  string `gorm:"size:500"`
	Subject string `gorm:"size:255"`
}

// TableName keeps gorm from spelling the table o_id_c_identities.
func (OIDCIdentity) TableName() string { return "oidc_identities" }

// TableName keeps gorm from spelling the table o_id_c_logins.
func (OIDCLogin) TableName() string { return "oidc_logins" }
