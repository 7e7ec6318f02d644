package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
	"github.com/qualtrack/qualtrack/backend/internal/webhooks"
)

// Service tokens and webhooks: how other systems read qualtrack and hear
// of its changes (docs/integrations.md). Administrators only.

type serviceTokenRequest struct {
	Name           string     `json:"name"`
	Role           model.Role `json:"role"`
	ManufacturerID *int64     `json:"manufacturer_id"`
	ExpiresAt      *time.Time `json:"expires_at"`
}

// createdServiceToken carries the secret: the only time it is shown.
type createdServiceToken struct {
	store.ServiceTokenView
	Token string `json:"token"`
}

func (s *Server) listServiceTokens(c *gin.Context) error {
	items, err := s.unscoped.ListServiceTokens(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"items": items})
	return nil
}

func (s *Server) createServiceToken(c *gin.Context) error {
	var req serviceTokenRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	in := qualification.ServiceTokenRequest{Name: req.Name, Role: req.Role, ExpiresAt: req.ExpiresAt}
	if req.ManufacturerID != nil {
		in.ManufacturerID = *req.ManufacturerID
		if in.ManufacturerID == 0 {
			in.ManufacturerID = -1 // an explicit 0 names no manufacturer
		}
	}
	secret, prefix := auth.NewServiceTokenSecret()
	v, err := s.unscoped.CreateServiceToken(c.Request.Context(), store.NewServiceToken{ServiceTokenRequest: in,
		TokenHash: auth.HashServiceToken(secret), Prefix: prefix, CreatedByID: principal(c).ID}, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, createdServiceToken{ServiceTokenView: v, Token: secret})
	return nil
}

func (s *Server) revokeServiceToken(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.unscoped.RevokeServiceToken(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

type webhookRequest struct {
	Name       string   `json:"name"`
	URL        string   `json:"url"`
	EventTypes []string `json:"event_types"`
	Active     *bool    `json:"active"`
	Version    int64    `json:"version"`
}

func (r *webhookRequest) sentVersion() int64 { return r.Version }

// input checks the URL against the delivery policy and returns what the
// store saves.
func (s *Server) webhookInput(req webhookRequest) (store.WebhookInput, error) {
	in := store.WebhookInput{Name: req.Name, URL: strings.TrimSpace(req.URL), EventTypes: req.EventTypes, Active: req.Active == nil || *req.Active}
	p := qualification.Problems{}
	if err := webhooks.PolicyOf(s.cfg.Webhooks).CheckURL(in.URL); err != nil {
		p.Add("url", err.Error())
	}
	if err := qualification.CheckWebhook(req.Name, req.EventTypes); err != nil {
		for k, v := range err.(*qualification.ValidationError).Fields {
			p.Add(k, v)
		}
	}
	return in, p.Err("The webhook cannot be saved.")
}

// createdWebhook carries the signing secret: the only time it is shown.
type createdWebhook struct {
	store.WebhookView
	Secret string `json:"secret"`
}

func (s *Server) listWebhooks(c *gin.Context) error {
	items, err := s.unscoped.ListWebhooks(c.Request.Context())
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, gin.H{"items": items, "event_types": model.WebhookEventTypes})
	return nil
}

func (s *Server) getWebhook(c *gin.Context) error {
	return writeByID(c, "The webhook", s.unscoped.WebhookByID)
}

func (s *Server) createWebhook(c *gin.Context) error {
	var req webhookRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	if req.Version != 0 {
		return invalid("A new webhook has no version.", map[string]string{"version": "leave it out"})
	}
	in, err := s.webhookInput(req)
	if err != nil {
		return err
	}
	secret := webhooks.NewSecret()
	v, err := s.unscoped.CreateWebhook(c.Request.Context(), in, s.box.Seal([]byte(secret)), actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, createdWebhook{WebhookView: v, Secret: secret})
	return nil
}

func (s *Server) updateWebhook(c *gin.Context) error {
	var req webhookRequest
	id, err := bindUpdate(c, &req)
	if err != nil {
		return err
	}
	in, err := s.webhookInput(req)
	if err != nil {
		return err
	}
	v, err := s.unscoped.UpdateWebhook(c.Request.Context(), id, req.Version, in, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) deleteWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.unscoped.DeleteWebhook(c.Request.Context(), id, actor(c)); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

func (s *Server) pauseWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.unscoped.PauseWebhook(c.Request.Context(), id, "Paused by "+principal(c).Name+".", actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

func (s *Server) resumeWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	v, err := s.unscoped.ResumeWebhook(c.Request.Context(), id, actor(c))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, v)
	return nil
}

// testWebhook queues a webhook.test event for the subscription; the
// dispatcher sends it like any other, and the delivery log shows how it
// went.
func (s *Server) testWebhook(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.unscoped.SendTestWebhook(c.Request.Context(), id); err != nil {
		return err
	}
	c.Status(http.StatusAccepted)
	return nil
}

func (s *Server) listWebhookDeliveries(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := listQuery(c, store.WebhookDeliverySorts)
	if err != nil {
		return err
	}
	items, total, err := s.unscoped.ListWebhookDeliveries(c.Request.Context(), id, p)
	if err != nil {
		return err
	}
	writeList(c, items, total, p)
	return nil
}
