package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCSettings are what the relying party needs from configuration.
type OIDCSettings struct {
	Issuer       string
	ClientID     string
	ClientSecret string
	RedirectURL  string
	Scopes       []string
	GroupsClaim  string
}

// Identity is the user the identity provider vouched for in a verified ID
// token.
type Identity struct {
	Issuer  string
	Subject string
	Email   string
	// EmailUnverified: the provider says it has not verified Email
	// (email_verified: false); such an address links no account.
	EmailUnverified bool
	Name            string
	Groups          []string
}

// Why a sign-in at the provider did not give an identity.
var (
	// ErrProviderUnavailable: the provider could not be reached or
	// answered with an error of its own.
	ErrProviderUnavailable = errors.New("auth: the identity provider is unavailable")
	// ErrProviderRefused: the provider refused the code (used, expired,
	// or not issued to this client).
	ErrProviderRefused = errors.New("auth: the identity provider refused the sign-in")
	// ErrIDTokenInvalid: the ID token failed verification (signature,
	// issuer, audience, expiry or nonce).
	ErrIDTokenInvalid = errors.New("auth: the ID token is not valid")
)

// OIDC is qualtrack as an OpenID Connect relying party: authorisation
// code flow with PKCE (S256) and a nonce. The provider's discovery
// document is read on first use, so qualtrack starts while the provider
// is down; a failed discovery is tried again on the next sign-in.
type OIDC struct {
	settings OIDCSettings
	client   *http.Client
	now      func() time.Time

	mu       sync.Mutex
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// NewOIDC returns the relying party; now is the clock ID tokens are
// checked against.
func NewOIDC(s OIDCSettings, now func() time.Time) *OIDC {
	if now == nil {
		now = time.Now
	}
	return &OIDC{settings: s, now: now, client: &http.Client{Timeout: 10 * time.Second}}
}

// setup discovers the provider once.
func (o *OIDC) setup() (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.oauth != nil {
		return o.oauth, o.verifier, nil
	}
	// The key set keeps this context for its later fetches of the
	// provider's keys: it must outlive the request that discovered it.
	ctx := oidc.ClientContext(context.Background(), o.client)
	p, err := oidc.NewProvider(ctx, o.settings.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: discovery: %v", ErrProviderUnavailable, err)
	}
	o.oauth = &oauth2.Config{ClientID: o.settings.ClientID, ClientSecret: o.settings.ClientSecret, RedirectURL: o.settings.RedirectURL,
		Endpoint: p.Endpoint(), Scopes: o.settings.Scopes}
	o.verifier = p.Verifier(&oidc.Config{ClientID: o.settings.ClientID, Now: o.now})
	return o.oauth, o.verifier, nil
}

// OIDCLogin is one sign-in under way: the state the browser brings back,
// and the nonce and PKCE verifier that stay on the server.
type OIDCLogin struct {
	State    string
	Nonce    string
	Verifier string
}

// NewOIDCLogin draws a fresh state, nonce and PKCE verifier.
func NewOIDCLogin() OIDCLogin {
	return OIDCLogin{State: randomToken(), Nonce: randomToken(), Verifier: oauth2.GenerateVerifier()}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}

// AuthURL is where the browser goes to sign in at the provider.
func (o *OIDC) AuthURL(l OIDCLogin) (string, error) {
	cfg, _, err := o.setup()
	if err != nil {
		return "", err
	}
	return cfg.AuthCodeURL(l.State, oidc.Nonce(l.Nonce), oauth2.S256ChallengeOption(l.Verifier)), nil
}

// Exchange redeems the code the provider gave the browser, verifies the
// ID token (signature, issuer, audience, expiry) and its nonce, and
// returns the identity it names.
func (o *OIDC) Exchange(ctx context.Context, l OIDCLogin, code string) (Identity, error) {
	cfg, verifier, err := o.setup()
	if err != nil {
		return Identity{}, err
	}
	tok, err := cfg.Exchange(oidc.ClientContext(ctx, o.client), code, oauth2.VerifierOption(l.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 400 && re.Response.StatusCode < 500 {
			return Identity{}, fmt.Errorf("%w: %s", ErrProviderRefused, re.ErrorCode)
		}
		return Identity{}, fmt.Errorf("%w: token: %v", ErrProviderUnavailable, err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Identity{}, fmt.Errorf("%w: the token answer holds no ID token", ErrIDTokenInvalid)
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %v", ErrIDTokenInvalid, err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(l.Nonce)) != 1 {
		return Identity{}, fmt.Errorf("%w: the nonce does not match", ErrIDTokenInvalid)
	}
	return identityOf(idt, o.settings.GroupsClaim)
}

func identityOf(idt *oidc.IDToken, groupsClaim string) (Identity, error) {
	var claims map[string]json.RawMessage
	if err := idt.Claims(&claims); err != nil {
		return Identity{}, fmt.Errorf("%w: claims: %v", ErrIDTokenInvalid, err)
	}
	id := Identity{Issuer: idt.Issuer, Subject: idt.Subject}
	str := func(name string) string {
		var v string
		_ = json.Unmarshal(claims[name], &v)
		return strings.TrimSpace(v)
	}
	id.Email = str("email")
	if id.Email == "" {
		// Entra ID puts the sign-in name here when no mail is set.
		id.Email = str("preferred_username")
	}
	var verified *bool
	if raw, ok := claims["email_verified"]; ok {
		_ = json.Unmarshal(raw, &verified)
	}
	id.EmailUnverified = verified != nil && !*verified
	id.Name = str("name")
	if raw, ok := claims[groupsClaim]; ok {
		// A list of names, or a single name as some providers send one.
		if err := json.Unmarshal(raw, &id.Groups); err != nil {
			var one string
			if json.Unmarshal(raw, &one) == nil && one != "" {
				id.Groups = []string{one}
			}
		}
	}
	if id.Subject == "" {
		return Identity{}, fmt.Errorf("%w: no subject", ErrIDTokenInvalid)
	}
	return id, nil
}
