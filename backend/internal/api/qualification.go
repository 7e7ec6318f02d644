package api

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/qualtrack/qualtrack/backend/internal/auth"
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
	"github.com/qualtrack/qualtrack/backend/internal/store"
)

type decisionRequest struct {
	Status           model.QualificationStatus `json:"status"`
	Reason           string                    `json:"reason"`
	ConditionalUntil model.Date                `json:"conditional_until"`
	// Signature is the decider's electronic signature; every decision
	// is signed.
	Signature *signatureRequest `json:"signature"`
}

type decisionResponse struct {
	Decision store.DecisionView `json:"decision"`
	Site     store.SiteView     `json:"site"`
}

// mayDecide refuses, with a message that says why, a move the role may
// not make: procurement may only start a qualification.
func mayDecide(role model.Role) func(from, to model.QualificationStatus) error {
	return func(from, to model.QualificationStatus) error {
		if auth.CanDecide(role, from, to) {
			return nil
		}
		if role == model.RoleProcurement {
			return forbidden(fmt.Sprintf("Procurement can only start a qualification (prospective to in qualification); ask a manager to move this %s site to %s.",
				qualification.StatusLabel(from), qualification.StatusLabel(to)))
		}
		return forbidden("Your role does not allow qualification decisions.")
	}
}

// decideQualification records a qualification decision: the evidence
// rules are checked against the site's records today, and a refusal lists
// every unmet rule.
func (s *Server) decideQualification(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req decisionRequest
	if err := decodeJSON(c, &req); err != nil {
		return err
	}
	u := principal(c)
	st, err := s.signingStore(c, req.Signature)
	if err != nil {
		return err
	}
	dec, site, err := st.DecideQualification(c.Request.Context(), id,
		qualification.Decision{To: req.Status, Reason: req.Reason, ConditionalUntil: req.ConditionalUntil},
		store.Decider{UserID: u.ID, Actor: actor(c), May: mayDecide(u.Role)})
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, decisionResponse{Decision: dec, Site: site})
	return nil
}

func (s *Server) qualificationHistory(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	p, err := listQuery(c, store.DecisionSorts)
	if err != nil {
		return err
	}
	items, total, err := s.st(c).QualificationHistory(c.Request.Context(), id, p)
	if err != nil {
		return err
	}
	writeList(c, items, total, p)
	return nil
}

type qualificationOption struct {
	Status model.QualificationStatus `json:"status"`
	// Unmet lists the rules the site does not meet yet for this status,
	// in words and with the records that block each; empty means the move
	// can be made now.
	Unmet []qualification.UnmetRule `json:"unmet"`
	// NeedsConditionalUntil is true when the decision needs a date.
	NeedsConditionalUntil bool `json:"needs_conditional_until"`
}

type qualificationOptions struct {
	Current model.QualificationStatus `json:"current"`
	Allowed []qualificationOption     `json:"allowed"`
}

// qualificationOptions lists the statuses the caller may move the site to
// and what each still lacks, for the decision dialog.
func (s *Server) qualificationOptions(c *gin.Context) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	site, facts, err := s.st(c).QualificationFacts(c.Request.Context(), id)
	if err != nil {
		return err
	}
	role := principal(c).Role
	today := s.st(c).Today()
	out := qualificationOptions{Current: facts.Status, Allowed: []qualificationOption{}}
	for _, to := range qualification.AllowedTargets(facts.Status) {
		if !auth.Decide.Allows(role) || !auth.CanDecide(role, facts.Status, to) {
			continue
		}
		opt := qualificationOption{Status: to, Unmet: qualification.Unmet(facts, to, today), NeedsConditionalUntil: to == model.StatusConditional}
		if site.ArchivedAt != nil {
			archived := qualification.UnmetRule{Rule: "status", Message: "The site is archived; restore it before deciding on its qualification.", Blockers: []qualification.Blocker{}}
			opt.Unmet = append([]qualification.UnmetRule{archived}, opt.Unmet...)
		}
		out.Allowed = append(out.Allowed, opt)
	}
	c.JSON(http.StatusOK, out)
	return nil
}
