// Generated from docs/openapi.yaml by scripts/api-types.mjs (npm run api:types). Do not edit:
// change docs/openapi.yaml and run the script again. src/api/types.ts names these schemas.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report that the process is up. */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Report whether the database answers, every migration is applied and the data directory can be written and has room. */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with e-mail and password; returns a token and sets the session cookie.
         * @description Failed attempts are limited per e-mail and per client address; each
         *     attempt is counted before the password is checked, so parallel
         *     requests cannot exceed the limits. Past a limit the answer is 429
         *     with `Retry-After`. Every attempt is recorded in the audit trail (an
         *     e-mail that names no account only by its SHA-256).
         *
         *     `session: cookie` (what the web app sends) starts a cookie session
         *     only: the answer has no `token`. API clients leave it out (or send
         *     `token`) and get the bearer token as well as the cookie.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out, ending every session of the user, and clear the cookie.
         * @description Sessions carry the user's token version; signing out moves it on, so
         *     every token and cookie of this user (on every device) stops working.
         *     The calendar feed URL is revoked too.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Return the signed-in user.
         * @description Also answered to a session that may only enrol in two-factor sign-in
         *     (`totp_enrolment_required: true`), so a client can send the user to
         *     enrolment after a reload.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/language": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Choose the language of the translated screens and e-mails.
         * @description The supplier portal and the supplier's e-mails are translated (English
         *     and Simplified Chinese); the buyers' screens and e-mails are in
         *     English. `""` follows the browser's language, and e-mails are then in
         *     English. The change is recorded in the audit trail (`user.update`).
         */
        put: operations["setLanguage"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change the signed-in user's password, ending their other sessions.
         * @description Every other session of the user ends and the calendar feed URL is
         *     revoked. When the request came with the session cookie, a fresh
         *     cookie is set so this browser stays signed in; a bearer client must
         *     sign in again. A wrong current password counts towards the sign-in
         *     limits (429 past them) and is audited (`auth.password_change_failed`).
         *     This is the one route (with `/auth/me` and `/auth/logout`) open to a
         *     user whose password an administrator set (`must_change_password`);
         *     changing it clears that.
         */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List users. */
        get: operations["listUsers"];
        put?: never;
        /** Create a user; without a password one is generated and returned once. */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a user. */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a user (role, access, password reset); such changes end the user's sessions.
         * @description Changing the role, disabling, changing `access_expires_at` or
         *     resetting the password or changing `scope_manufacturer_ids` ends
         *     the user's sessions. The last active
         *     admin cannot be demoted or disabled (422 on `role`).
         */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/users/{id}/end-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign a user out everywhere (a lost laptop, a leaver).
         * @description Every token and cookie of the user stops working on its next request; the user can sign in again.
         */
        post: operations["endUserSessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/service-tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List service tokens (never their secrets), newest first. */
        get: operations["listServiceTokens"];
        put?: never;
        /**
         * Create a service token; its secret is in this answer only.
         * @description An integration sends the token as `Authorization: Bearer qt_...`.
         *     It reads as an auditor (`role: auditor`, optionally limited to one
         *     manufacturer) or reads and writes as procurement
         *     (`role: procurement`); it never administers. Every change it makes
         *     is in the audit trail under `token: <name>`. Only the SHA-256 of
         *     the secret is stored: a lost secret cannot be shown again, revoke
         *     the token and create another. A revoked or expired token is
         *     refused with 401.
         */
        post: operations["createServiceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/service-tokens/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a service token; its next request is refused (401). */
        post: operations["revokeServiceToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List webhook subscriptions (never their secrets) and the event types one can choose. */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe an endpoint to events; the signing secret is in this answer only.
         * @description Deliveries are `POST`s of an `WebhookEvent` as JSON, signed:
         *     `X-Qualtrack-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
         *     "<unix seconds>.<body>" with the secret>` (docs/integrations.md
         *     shows how to check it). The URL must be http or https and, unless
         *     `QUALTRACK_WEBHOOK_ALLOW_HOSTS` names it, must not be (or resolve
         *     to) a loopback, link-local or private address; when
         *     `QUALTRACK_WEBHOOK_HOSTS` is set, only those hosts (422 on `url`).
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a webhook subscription. */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /** Delete a subscription with its queued events and delivery log (the audit event keeps the subscription). */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a subscription's name, URL, event types or whether it is active.
         * @description Send every field (name, url, event_types, active) with the version read.
         */
        patch: operations["updateWebhook"];
        trace?: never;
    };
    "/admin/webhooks/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop deliveries to the endpoint; its events wait until it is resumed. */
        post: operations["pauseWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/webhooks/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a paused endpoint (paused by an admin or after repeated failures); its waiting events go at once. */
        post: operations["resumeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Queue a `webhook.test` event for this endpoint; the delivery log shows how it went. */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/admin/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The endpoint's delivery log, one row per attempt, newest first. */
        get: operations["listWebhookDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manufacturers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List manufacturers with their site counts. */
        get: operations["listManufacturers"];
        put?: never;
        /** Create a manufacturer. */
        post: operations["createManufacturer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/manufacturers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a manufacturer. */
        get: operations["getManufacturer"];
        put?: never;
        post?: never;
        /**
         * Delete a manufacturer that has no sites (archive it otherwise).
         * @description A manufacturer with any site, archived ones included, is refused with 409 `conflict`; archive it instead. The audit event keeps the deleted record.
         */
        delete: operations["deleteManufacturer"];
        options?: never;
        head?: never;
        /**
         * Edit, archive (archived true) or restore (archived false) a manufacturer.
         * @description A manufacturer with active (not archived) sites cannot be archived (422 on `archived`).
         */
        patch: operations["updateManufacturer"];
        trace?: never;
    };
    "/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sites with their derived schedule, open findings and certification summary. */
        get: operations["listSites"];
        put?: never;
        /**
         * Create a site; it starts prospective and is due for inspection from today.
         * @description `qualification_status` and `conditional_until` are set only by a
         *     qualification decision; sending them is 422.
         */
        post: operations["createSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a site with its derived values. */
        get: operations["getSite"];
        put?: never;
        post?: never;
        /**
         * Delete a site without history (archive it otherwise).
         * @description A site with inspections, certifications, qualification decisions or
         *     attachments is refused with 409 `conflict`; archive it instead. The
         *     audit event keeps the deleted record.
         */
        delete: operations["deleteSite"];
        options?: never;
        head?: never;
        /**
         * Edit, archive (archived true) or restore (archived false) a site.
         * @description A change of risk tier moves `next_inspection_due`. Moving the site to
         *     another manufacturer, or restoring it, needs an active manufacturer.
         *     `qualification_status` and `conditional_until` cannot be edited here
         *     (422); use `POST /sites/{id}/qualification`.
         */
        patch: operations["updateSite"];
        trace?: never;
    };
    "/sites/{id}/qualification": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a site's qualification decisions (its status history), newest first. */
        get: operations["listQualificationDecisions"];
        put?: never;
        /**
         * Record a qualification decision (move the site to another status).
         * @description The move must be an allowed transition and the site must meet the
         *     evidence rules for the target status today; a refusal is 422 whose
         *     `fields` name every unmet rule at once (keys such as `status`,
         *     `reason`, `conditional_until`, `inspection`, `findings`,
         *     `certification`). `reason` is always required; `conditional_until`
         *     (a date after today) is required for, and only for, `conditional`.
         *     Procurement may only move `prospective` to `in_qualification`;
         *     other moves are 403 with a message saying so. An archived site is
         *     refused (422). A concurrent change to the site is 409
         *     `version_conflict`.
         */
        post: operations["decideQualification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/qualification/options": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /**
         * List the statuses the caller may move the site to, and what each still lacks.
         * @description For the decision dialog. Only targets the caller's role may choose
         *     are listed, so an auditor always gets an empty `allowed`.
         */
        get: operations["getQualificationOptions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a site's attachments. */
        get: operations["listSiteAttachments"];
        put?: never;
        /** Attach a file to a site. */
        post: operations["uploadSiteAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/all-attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /**
         * List the files of a site and of its inspections, findings and certifications.
         * @description For the site's Attachments tab: every file of the site itself and of
         *     its inspections (including checklist photos), findings and
         *     certifications, each with the record it is attached to. Grouped by
         *     record: the site's own files first, then inspections, findings and
         *     certifications, newest record first, newest file first within a
         *     record. A scoped auditor gets 404 for a site outside the scope.
         */
        get: operations["listAllSiteAttachments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/dossier.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download everything on record about one site as a workbook. */
        get: operations["downloadSiteDossier"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dashboard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Return the overview figures and the records needing attention first. */
        get: operations["getDashboard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List inspections, latest first by default. */
        get: operations["listInspections"];
        put?: never;
        /**
         * Plan an inspection (status planned unless given) or log one already done.
         * @description A `planned` inspection needs `scheduled_date` and no result; a
         *     `completed` one needs a `performed_date` not in the future and a
         *     `result`. The site's schedule is updated in the same transaction.
         */
        post: operations["createInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return an inspection. */
        get: operations["getInspection"];
        put?: never;
        post?: never;
        /**
         * Delete a planned inspection entered by mistake.
         * @description Only a `planned` inspection without findings or attachments can be
         *     deleted; anything else is 409 `conflict` (cancel it instead).
         */
        delete: operations["deleteInspection"];
        options?: never;
        head?: never;
        /**
         * Edit, complete or cancel an inspection; its site's schedule follows.
         * @description Setting `result` to `pass` is refused (422) while the inspection has
         *     an open critical finding. An inspection with findings cannot move to
         *     another site.
         *
         *     **Correcting a completed inspection.** Once an inspection is
         *     `completed`, changing its `result`, `status` (reopening or cancelling
         *     it), `site_id` or `performed_date` is a correction: only a manager or
         *     an admin makes one (403 for procurement), with `correction_reason`
         *     (422 without), and when it stays completed it is signed again
         *     (`signature`), so the shown signature covers the corrected content.
         *     The audit event is `inspection.correct`. Other fields (score,
         *     summary, team, scope) are edited as before.
         */
        patch: operations["updateInspection"];
        trace?: never;
    };
    "/inspections/{id}/findings": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a finding of an inspection.
         * @description The finding takes its site from the inspection, which must not be
         *     cancelled. Without `due_date` the default for the severity applies
         *     (critical 7 days, major 30, minor 90 from today; observations none).
         *     Without `status` it is `open`; a `closed` finding needs a
         *     `verification_note`.
         */
        post: operations["createFinding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List an inspection's attachments. */
        get: operations["listInspectionAttachments"];
        put?: never;
        /** Attach a file to an inspection. */
        post: operations["uploadInspectionAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List findings, soonest due first by default. */
        get: operations["listFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a finding. */
        get: operations["getFinding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a finding; closing it needs a verification note and records the closer.
         * @description Closing records `verified_by_id` and `verified_at`; reopening clears
         *     them and, unless a new one is sent, the verification note.
         */
        patch: operations["updateFinding"];
        trace?: never;
    };
    "/findings/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a finding's attachments. */
        get: operations["listFindingAttachments"];
        put?: never;
        /** Attach a file to a finding. */
        post: operations["uploadFindingAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/certifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List certifications with their derived status, soonest expiry first by default. */
        get: operations["listCertifications"];
        put?: never;
        /** Record a site's certificate. */
        post: operations["createCertification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/certifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a certification. */
        get: operations["getCertification"];
        put?: never;
        post?: never;
        /**
         * Delete a wrongly entered certificate.
         * @description A certificate with attachments is refused with 409 `conflict`; delete them first. The audit event keeps the deleted record.
         */
        delete: operations["deleteCertification"];
        options?: never;
        head?: never;
        /** Edit, withdraw or verify a certificate. */
        patch: operations["updateCertification"];
        trace?: never;
    };
    "/certifications/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a certification's attachments. */
        get: operations["listCertificationAttachments"];
        put?: never;
        /** Attach a file to a certification. */
        post: operations["uploadCertificationAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bom-revisions/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a BOM/AVL revision's files; every reader reads them, the revision being the buyer's. */
        get: operations["listBOMRevisionAttachments"];
        put?: never;
        /** Attach the BOM or AVL file to a revision. */
        post: operations["uploadBOMRevisionAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/attachments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /**
         * Download an attachment's file.
         * @description Sent with the type detected from the file's bytes, `nosniff` and
         *     `Content-Security-Policy: sandbox`. Range requests (206) and
         *     `If-None-Match` against the SHA-256 ETag (304) are answered.
         */
        get: operations["downloadAttachment"];
        put?: never;
        post?: never;
        /**
         * Delete an attachment.
         * @description The audit event keeps the record; the file is removed once no other attachment shares its content. A file of a decided change notification is final (422).
         */
        delete: operations["deleteAttachment"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit events, newest first by default. */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/actors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the people who acted in the trail, by name, for the person filter. */
        get: operations["listAuditActors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the hash chain of the whole audit trail. */
        get: operations["verifyAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/head": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the newest event of the chain, signed, to verify the trail against later.
         * @description Its hash covers every event before it, and it is signed with the
         *     server's Ed25519 checkpoint key (kept outside the database): kept by
         *     an auditor, it later proves that nothing up to it changed (GET
         *     /audit-events/heads/{sequence}/verify, or `qualtrack audit verify --head`), and
         *     that the head came from this server. On an empty trail `sequence`
         *     is 0 and `hash` the genesis hash.
         */
        get: operations["getAuditHead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/heads/{sequence}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prove that the chain still contains a head exported earlier.
         * @description Send back a head from GET /audit-events/head: its sequence in the
         *     path, its other fields in the query under the same names. The chain is re-walked, the head's signature checked with
         *     the server's checkpoint key, and the chain must still hold the head's
         *     event with the head's hash. `valid` is true only when all three hold;
         *     `reason` says what failed (events removed from the end, the chain
         *     rewritten from some event on, or a head this server did not sign).
         */
        get: operations["verifyAuditHead"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audit-events/checkpoint-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The public key that checks signed checkpoints and exported heads.
         * @description Keep it with the heads: `qualtrack audit verify --public-key FILE`
         *     checks the checkpoint log with it, without trusting the server's
         *     own key file.
         */
        get: operations["getCheckpointKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/approved-suppliers.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the site list (approved supplier list) as a workbook, with the sites list's filters.
         * @description Without `status`, only qualified and conditional sites (the
         *     approved suppliers; a conditional one with its until-date), titled
         *     "Approved suppliers (qualified and conditional)" and named
         *     `approved-suppliers-YYYY-MM-DD.xlsx`. With `status`, the sites in
         *     those statuses, titled "Sites: suspended" and named
         *     `sites-suspended-YYYY-MM-DD.xlsx`. The other filters are added in
         *     words, to the title ("Approved suppliers (qualified and conditional):
         *     high risk, in China, overdue") and to the file name
         *     (`approved-suppliers-high-risk-china-overdue-YYYY-MM-DD.xlsx`).
         */
        get: operations["reportApprovedSuppliers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/inspections.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the inspection log as a workbook.
         * @description With `from` and `to`, titled "Inspection log from 2026-02-01 to
         *     2026-06-30" and named `inspections-2026-02-01-to-2026-06-30-YYYY-MM-DD.xlsx`.
         */
        get: operations["reportInspections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/certifications.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the certifications with their status as a workbook.
         * @description With `expiring_within_days`, titled in words ("Certifications expiring
         *     within 90 days") and named
         *     `certifications-expiring-within-90-days-YYYY-MM-DD.xlsx`.
         */
        get: operations["reportCertifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/findings.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the findings and corrective actions as a workbook.
         * @description With `status`, the findings in those statuses, titled in words
         *     ("Findings and corrective actions: open and in progress") and named
         *     `findings-open-in-progress-YYYY-MM-DD.xlsx`.
         */
        get: operations["reportFindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/change-notifications.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the change notifications (PCN) and the decisions on them as a workbook. */
        get: operations["reportChangeNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/summary.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the management summary as a workbook. */
        get: operations["reportSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/audit-trail.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the filtered audit trail as a workbook, as an auditor reads it.
         * @description Takes the filters of GET /audit-events. One row per changed field
         *     (labels and names instead of codes and ids, dates as date cells), one
         *     row for an event that changed none, newest first.
         */
        get: operations["reportAuditTrail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/sites/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the sites import template. */
        get: operations["downloadSitesImportTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/certifications/template.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download the certifications import template. */
        get: operations["downloadCertificationsImportTemplate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import sites from a workbook, upserting by site code (dry_run=true only checks).
         * @description A real import is all or nothing: with any problem nothing is written
         *     and the answer is 422 with the problems in `errors`. A dry run
         *     changes nothing and answers 200 with what would be created and
         *     updated (`changes`: every changed field with its old and new value)
         *     and every problem. Every row passes the same rules as POST /sites.
         *     A blank cell leaves the stored value as it is; the marker `(clear)`
         *     empties a field. The template's example row is skipped with a
         *     warning. Manufacturers named in the file that do not exist yet are
         *     created.
         */
        post: operations["importSites"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/certifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import certifications from a workbook (dry_run=true only checks).
         * @description All or nothing, like the sites import; each row names its site by code.
         */
        post: operations["importCertifications"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checklist-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List checklist templates, the newest version of each. */
        get: operations["listChecklistTemplates"];
        put?: never;
        /**
         * Create a checklist template (version 1).
         * @description The key is derived from the name ("ESD audit" -> `esd-audit`,
         *     numbered when taken). Problems inside `sections` are named by path,
         *     e.g. `sections[1].items[0].weight`; a misspelt field inside
         *     `sections` is 400 naming it.
         */
        post: operations["createChecklistTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/checklist-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a template version with its sections and items. */
        get: operations["getChecklistTemplate"];
        /**
         * Replace a template's content; a version in use becomes the next version.
         * @description `version` is the version read, and `id` must be the newest version
         *     of its key (else 409 `version_conflict`). When an inspection uses
         *     this version it is kept unchanged and the content is saved as the
         *     next version under the same key, with a **new id** (answered 200);
         *     past inspections keep the questions they were answered against.
         *     An unused version is rewritten in place (same id, version + 1).
         */
        put: operations["replaceChecklistTemplate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Archive or restore a template.
         * @description Only `archived` can change here (the content changes with PUT), so
         *     the version does not move. Archived templates stay on the
         *     inspections that used them but cannot be added to new ones.
         */
        patch: operations["archiveChecklistTemplate"];
        trace?: never;
    };
    "/checklist-templates/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List every version of the template's key, newest first. */
        get: operations["listChecklistTemplateVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/checklists": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return an inspection's checklists with answers, score and suggested result. */
        get: operations["getInspectionChecklists"];
        put?: never;
        /**
         * Use a checklist template on a planned inspection.
         * @description The template must be the newest version of its key and not archived
         *     (422 on `template_id` otherwise, naming the current version); the
         *     same template twice is 409. Only planned inspections (422 on
         *     `inspection`).
         */
        post: operations["addInspectionChecklist"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/checklists/{cid}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take an unanswered checklist off a planned inspection. */
        delete: operations["removeInspectionChecklist"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/checklists/{cid}/answers/{item_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
                /** @description The id of an item of the checklist's template version. */
                item_id: components["parameters"]["ChecklistItemId"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Record or change the answer to a checklist item.
         * @description `version` is the version of the answer the client read, 0 (or
         *     absent) when it saw none; answering over an answer saved meanwhile
         *     is 409 `version_conflict`. `yes_no` items take `answer`,
         *     `rating_1_5` items `rating`, `text` items `text`;
         *     `not_applicable` only where the item allows it, and then no answer.
         *     An item that is not part of the checklist's template version is 422
         *     on `item_id`. Photos are attachments of the inspection, referenced
         *     by id. Only planned inspections.
         *
         *     When the answer to a critical item contradicts the supplier's
         *     self-assessment (see `InspectionChecklist.self_assessment`), a
         *     finding is raised for review in the same transaction and its id is
         *     in `finding_id`: once per item of the inspection, never again
         *     however the answer changes, and not when a finding was already
         *     raised from the item.
         */
        put: operations["answerChecklistItem"];
        post?: never;
        /** Clear the answer to a checklist item. */
        delete: operations["clearChecklistAnswer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/checklists/{cid}/items/{item_id}/finding": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
                /** @description The id of an item of the checklist's template version. */
                item_id: components["parameters"]["ChecklistItemId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Raise a finding prefilled from an item answered no or rated below 5.
         * @description Severity `critical` for a critical item, else `major`; the item's
         *     category and requirement; the question, the answer and the note as
         *     the description; the severity's default due date. Any of these can
         *     be overridden; the body may be empty. Refused (422 on `item_id`)
         *     for an unanswered, compliant, N/A or text item; a second finding
         *     from the same answer is 409.
         */
        post: operations["raiseFindingFromChecklistItem"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/report.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download an inspection with its checklist answers and findings as a workbook. */
        get: operations["downloadInspectionReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the signed-in user's own notifications, newest first by default. */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Count the signed-in user's unread notifications (for the badge). */
        get: operations["countUnreadNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark every unread notification of the signed-in user read. */
        post: operations["markAllNotificationsRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one of the signed-in user's notifications read (again is fine).
         * @description Another user's notification is 404, as if it did not exist.
         */
        post: operations["markNotificationRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read how the signed-in user hears of each kind of reminder. */
        get: operations["getNotificationPreferences"];
        /**
         * Choose per kind of reminder e-mail digest, in-app only, or off.
         * @description Kinds not sent keep their channel. The change is recorded in the audit trail (`user.notification_preferences`).
         */
        put: operations["setNotificationPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a two-factor sign-in with a code from the authenticator app or a recovery code.
         * @description After `POST /auth/login` answered `{totp_required: true, challenge}`
         *     (the password was right; no session was started), send the challenge
         *     (valid 5 minutes) with `code` (6 digits, RFC 6238; the previous and
         *     next 30-second codes are accepted too, each at most once) or one of
         *     the single-use `recovery_code`s. Wrong codes count towards the same
         *     limits as wrong passwords and are recorded (`auth.totp_failed`). The
         *     answer is the one of `POST /auth/login`, with the session cookie.
         */
        post: operations["loginTOTP"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How one may sign in here; the sign-in page asks before it shows its form.
         * @description `password` is false when password sign-in is switched off
         *     (`QUALTRACK_LOCAL_PASSWORDS=false`): then only the break-glass
         *     administrator may use `POST /auth/login`, and the sign-in page shows
         *     the password form only behind "Administrator sign-in". `sso` is null
         *     unless single sign-on is configured; then the page shows "Sign in
         *     with <provider_name>".
         */
        get: operations["signInMethods"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/oidc/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a single sign-on at the identity provider (OpenID Connect, authorisation code with PKCE).
         * @description Draws a state, a nonce and a PKCE verifier (S256); the nonce and the
         *     verifier stay on the server, the state is kept there too (hashed,
         *     for 10 minutes, usable once) and set in the HttpOnly cookie
         *     `qualtrack_sso_state` (`Path=/api/v1/auth/oidc; SameSite=Lax`), which
         *     binds the sign-in to this browser. The web app then sends the browser
         *     to `authorization_url`. 404 when single sign-on is not configured;
         *     503 `sso_unavailable` when the provider's discovery document cannot
         *     be read.
         */
        post: operations["startSSO"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/oidc/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a single sign-on with the code and state the provider sent the browser back with.
         * @description The provider sends the browser to the redirect URL (the web app's
         *     `/sso/callback` page), which posts `code` and `state` here. The state
         *     must be one this server issued, not used yet, not older than 10
         *     minutes, and equal to the browser's `qualtrack_sso_state` cookie;
         *     otherwise 400 (a replayed, unknown or foreign state). The code is
         *     redeemed with the PKCE verifier and the ID token verified (RS256 or
         *     the provider's algorithm from its JWKS, issuer, audience = client id,
         *     expiry, nonce); a token that fails is 401.
         *
         *     The user is the one linked to the provider account (issuer and
         *     subject), or on its first sign-in the one with its e-mail address
         *     (unless the provider says it is unverified), or, with just-in-time
         *     creation on, a new user. With roles from groups the role and the
         *     auditor's or supplier's manufacturers are set from the group claim
         *     at every sign-in (a change is audited and ends the user's other
         *     sessions). 403 when the account is disabled or its access ended in
         *     qualtrack (whatever the provider says), when no qualtrack account
         *     matches and just-in-time creation is off, or when no group maps to a
         *     role. The answer is the one of `POST /auth/login`: the provider's
         *     sign-in replaces qualtrack's two-factor code unless
         *     `QUALTRACK_OIDC_REQUIRE_TOTP=true`, when an enrolled user gets
         *     `totp_required` and a challenge for `POST /auth/login/totp`.
         */
        post: operations["finishSSO"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/totp/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start two-factor enrolment; returns a new secret, its otpauth URL and a QR code (SVG).
         * @description Takes the user's password (a wrong one is 422 `fields.password`,
         *     counts towards the sign-in limits and is audited as
         *     `totp.enrol_failed`). The secret takes effect only once confirmed with
         *     a code. It is stored encrypted (AES-GCM, key derived from the session
         *     secret). Allowed for a session that must enrol first. 409 when
         *     two-factor sign-in is already on.
         */
        post: operations["enrolTOTP"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/totp/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Switch two-factor sign-in on with a first code; returns 10 recovery codes, shown once.
         * @description Recovery codes are stored each under its own salt with argon2id and
         *     each works once. Every session of the user ends: a cookie session
         *     gets a new cookie, a bearer session a new `token` in the answer.
         *     Wrong codes count towards the sign-in limits.
         */
        post: operations["confirmTOTP"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Turn two-factor sign-in off (password and a current code required).
         * @description 409 when the administrator requires two-factor sign-in for the
         *     user's role. A wrong password or code counts towards the sign-in
         *     limits and is audited (`totp.disable_failed`). Every session of the
         *     user ends: a cookie session gets a new cookie, a bearer session a
         *     new `token` in the answer.
         */
        delete: operations["disableTOTP"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{id}/totp/reset": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Turn a user's two-factor sign-in off (a lost phone); ends their sessions. */
        post: operations["resetUserTOTP"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The sign-in rules. */
        get: operations["getSecuritySettings"];
        /**
         * Set the roles that must use two-factor sign-in.
         * @description A user of such a role who has not enrolled gets, at sign-in,
         *     `totp_enrolment_required: true` and a session that may only call
         *     `/auth/me`, `/auth/logout`, `/me/totp/enrol` and `/me/totp/confirm`;
         *     anything else answers 403 `totp_enrolment_required`. The sessions of
         *     users of a newly required role who have not enrolled end (the
         *     administrator's own included), so none goes on without the second
         *     factor.
         */
        put: operations["putSecuritySettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/calendar-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Tell whether the signed-in user has a calendar feed token (never the token itself). */
        get: operations["getCalendarToken"];
        put?: never;
        /**
         * Make a new calendar feed token, replacing any old one, and return the feed URL once.
         * @description The old feed URL stops working at once. The URL is shown only in this
         *     answer (only the token's SHA-256 is stored); subscribe to it in
         *     Outlook, Google Calendar or Apple Calendar.
         */
        post: operations["resetCalendarToken"];
        /** Revoke the signed-in user's calendar feed token; its URL stops working. */
        delete: operations["revokeCalendarToken"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calendar/{token}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The user's iCalendar feed of planned inspections, certificate expiries and finding due dates.
         * @description Calendar apps cannot sign in, so the token in the path is the
         *     credential (the access log records the route pattern, never the
         *     token). All-day events (RFC 5545) from 90 days ago to two years
         *     ahead, of sites not archived: planned inspections, expiries of
         *     certificates neither withdrawn nor superseded, due dates of findings
         *     not closed. UIDs are stable per record. An unknown, revoked or
         *     malformed token, or one whose user is disabled or whose auditor
         *     access has ended, is 404.
         */
        get: operations["calendarFeed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the buyer's products (boards and systems) with how many sites build each. */
        get: operations["listProducts"];
        put?: never;
        /**
         * Record a product.
         * @description Part number and revision are unique together (ignoring case); a duplicate is 409 `conflict`.
         */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a product with its firmware releases, BOM/AVL revisions and the sites that build it. */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        /**
         * Delete a product entered by mistake.
         * @description A product that a site builds, or with firmware releases or BOM revisions, is refused with 409 `conflict`.
         */
        delete: operations["deleteProduct"];
        options?: never;
        head?: never;
        /** Edit a product's part number, revision, name or notes. */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/products/{id}/firmware-releases": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a released firmware image of a product, pending a manager's approval.
         * @description `sha256` accepts the bare hash in any case or a `sha256sum` line and
         *     is stored as 64 lower-case hex characters; anything else is 422.
         *     A release is never edited: a later release names the one it
         *     supersedes (`supersedes_id`, same product and component), which
         *     stops being current when the new one is approved. The same image
         *     twice for a product and component is 409 `conflict`.
         */
        post: operations["createFirmwareRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/firmware-releases/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending firmware release with an electronic signature.
         * @description Signed like a qualification decision (meaning `approved`). The
         *     release it supersedes stops being current. An approved release is
         *     409 `conflict`.
         */
        post: operations["approveFirmwareRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/firmware-releases/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a pending firmware release entered by mistake.
         * @description An approved release, or one an observation matched, is refused with 409 `conflict`.
         */
        delete: operations["deleteFirmwareRelease"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/products/{id}/bom-revisions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a product's BOM and AVL revision; the newest by effective date is current. */
        post: operations["createBOMRevision"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bom-revisions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a BOM/AVL revision entered by mistake. */
        delete: operations["deleteBOMRevision"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/integrity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a site's integrity page (each product's baseline, newest observations, drift and history; component sources). */
        get: operations["getSiteIntegrity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/products": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that a site builds a product, with its processes and golden sample.
         * @description A product the site builds already is 409 `conflict`.
         */
        post: operations["addSiteProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/site-products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a product added to a site by mistake.
         * @description One with recorded observations is refused with 409 `conflict` (they are its history).
         */
        delete: operations["deleteSiteProduct"];
        options?: never;
        head?: never;
        /** Change a site's processes for a product or its golden sample (a re-sealing). */
        patch: operations["updateSiteProduct"];
        trace?: never;
    };
    "/sites/{id}/component-sources": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a distributor or manufacturer the site buys components from. */
        post: operations["createComponentSource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/component-sources/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a component source entered by mistake.
         * @description The certification the source held goes with it; 409 `conflict` while that certification has attachments.
         */
        delete: operations["deleteComponentSource"];
        options?: never;
        head?: never;
        /** Edit a component source; a changed justification needs accepting again. */
        patch: operations["updateComponentSource"];
        trace?: never;
    };
    "/component-sources/{id}/accept-justification": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept the justification for buying from a source the original manufacturer has not authorised.
         * @description An authorised source or one without a justification is 422; one accepted already is 409 `conflict`.
         */
        post: operations["acceptSourceJustification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/integrity": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return, for each product built at the inspection's site, the values to expect and this inspection's observations. */
        get: operations["getInspectionIntegrity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/integrity-observations": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record what the inspector saw for a product; each mismatch raises a finding at once.
         * @description Each observation is compared with the baseline in the same
         *     transaction: a firmware hash that is no current release of its
         *     component (critical), a superseded image (major), a golden sample
         *     seal broken, missing, other than recorded or changed since the
         *     previous visit (critical), a BOM or AVL revision other than current
         *     (major), an X-ray/AOI mismatch (critical). Each mismatch raises an
         *     open finding on the inspection (category security), linked from the
         *     observation's `finding_id`. A cancelled inspection, or a product
         *     the site does not build, is 422.
         *
         *     Sent with an `Idempotency-Key` (inspection mode sends a new UUID
         *     with each batch it queues), the same batch sent again by the same
         *     user, its answer lost on the way, records nothing more and answers
         *     what the first one did: the same status and body, with
         *     `Idempotency-Replayed: true`. Batches sent at the same time under
         *     one key record once. The same key with another batch (or another
         *     inspection) is 409 on `Idempotency-Key`. Keys are per user: another
         *     user's key is a new key. A refused batch keeps nothing, so sending
         *     it again is judged again.
         */
        post: operations["recordIntegrityObservations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrity-observations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an observation entered by mistake (the finding it raised stays). */
        delete: operations["deleteIntegrityObservation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/integrity/drift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List every product at an active site whose observed values differ from the baseline or were not observed in time.
         * @description One row per product at a site, by site code then part number; unfiltered, `total` is the dashboard's drift count.
         */
        get: operations["getIntegrityDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/integrity-drift.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the integrity drift report as a workbook.
         * @description One row per drifting value, with the same filters as the list.
         */
        get: operations["reportIntegrityDrift"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/part-incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List suspect or counterfeit part incidents, newest first. */
        get: operations["listPartIncidents"];
        put?: never;
        /** Record a suspect or counterfeit part incident. */
        post: operations["createPartIncident"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/part-incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return an incident with its blast radius (every site and product that used its source or an unauthorised source of its family). */
        get: operations["getPartIncident"];
        put?: never;
        post?: never;
        /** Delete an incident entered by mistake. */
        delete: operations["deletePartIncident"];
        options?: never;
        head?: never;
        /** Edit an incident or move its status. */
        patch: operations["updatePartIncident"];
        trace?: never;
    };
    "/part-incidents/{id}/blast-radius.xlsx": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download an incident's blast radius as a workbook. */
        get: operations["reportBlastRadius"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier-invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Invite a person of a manufacturer as a supplier; the link is e-mailed when SMTP is configured, else returned once. */
        post: operations["inviteSupplier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier-users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List supplier accounts, of one manufacturer when manufacturer_id is given. */
        get: operations["listSupplierUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier-users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue a new invitation link for a supplier who has not signed in yet; earlier links stop working. */
        post: operations["reinviteSupplier"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose a password with an invitation link; the link then stops working. */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/manufacturer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The supplier's own company and its sites. */
        get: operations["supplierManufacturer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/sites/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One of the supplier's sites. */
        get: operations["supplierSite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/certifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The certificates of the supplier's sites (read-only), soonest expiry first. */
        get: operations["supplierCertifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/findings/{id}/corrective-action": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The corrective-action request issued for a finding (404 when none was). */
        get: operations["getFindingCorrectiveAction"];
        put?: never;
        /** Issue a corrective-action request (8D) to the finding's manufacturer; stage due dates follow the finding's severity. */
        post: operations["issueCorrectiveAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/corrective-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List corrective-action requests. */
        get: operations["listCorrectiveActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/corrective-actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a corrective-action request with its stages, files and receipts. */
        get: operations["getCorrectiveAction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/corrective-actions/{id}/stages/{stage}/review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept a submitted answer (signed) or return it to the supplier with a reason. */
        post: operations["reviewCorrectiveActionStage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/corrective-actions/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify effectiveness (D8, signed); closes the request and its finding. */
        post: operations["verifyCorrectiveAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/corrective-action-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download a file of a supplier's answer. */
        get: operations["downloadCorrectiveActionFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/corrective-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The corrective-action requests addressed to the supplier's sites. */
        get: operations["supplierListCorrectiveActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/corrective-actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One of the supplier's requests, without the buyer's internal note. */
        get: operations["supplierGetCorrectiveAction"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/corrective-actions/{id}/stages/{stage}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the answer to a stage; answers the receipt of its audit event. */
        post: operations["supplierSubmitStage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/corrective-actions/{id}/stages/{stage}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Attach a file to the answer being written for a stage (open or returned). */
        post: operations["supplierUploadStageFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/corrective-action-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download a file of one of the supplier's answers. */
        get: operations["supplierDownloadStageFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/receipts/{sequence}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                sequence: number;
            };
            cookie?: never;
        };
        /** Check that one of the supplier's receipts (of a corrective-action answer or a questionnaire's submission) is still in an intact audit chain. */
        get: operations["supplierVerifyReceipt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/self-assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List self-assessment questionnaires, soonest due first. */
        get: operations["listSelfAssessments"];
        put?: never;
        /** Send a checklist template (its current version) to a site's manufacturer as a questionnaire, due on a date. */
        post: operations["sendSelfAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/self-assessments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a questionnaire with its items, the supplier's answers and evidence files. */
        get: operations["getSelfAssessment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/self-assessments/{id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept the submitted answers, or return items to the supplier for rework, each with a comment. */
        post: operations["reviewSelfAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The questionnaires sent to the supplier's sites. */
        get: operations["supplierListSelfAssessments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One of the supplier's questionnaires, with its answers so far. */
        get: operations["supplierGetSelfAssessment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessments/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        /** Save answers as a draft (open questionnaire; only the returned items of a returned one). */
        put: operations["supplierSaveSelfAssessmentAnswers"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessments/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit the answers for the buyer's review; every item answered, every returned item answered again. The answer's last receipt is this submission's. */
        post: operations["supplierSubmitSelfAssessment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessments/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Upload an evidence file to a questionnaire the supplier may still change; an answer then names it. */
        post: operations["supplierUploadSelfAssessmentFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/self-assessment-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download an evidence file of one of the supplier's questionnaires (staff use /attachments/{id}). */
        get: operations["supplierDownloadSelfAssessmentFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/change-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List change notifications (PCN). */
        get: operations["listChangeNotifications"];
        put?: never;
        /** Record a change notification on a manufacturer's behalf. */
        post: operations["createChangeNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/change-notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Return a change notification. */
        get: operations["getChangeNotification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/change-notifications/{id}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** List a change's files (drawings, descriptions), attached by the supplier or the buyer. */
        get: operations["listChangeNotificationAttachments"];
        put?: never;
        /** Attach a file to a pending change (422 once it is decided; the decision's signature covers the files' SHA-256). */
        post: operations["uploadChangeNotificationAttachment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/change-notifications/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve, approve with conditions or reject a pending change (signed); an approval may plan a for-cause inspection at its sites. */
        post: operations["decideChangeNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/unnotified-change": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a change found on site that was never notified, as a finding (unnotified_change) with a retroactive change notification. */
        post: operations["recordUnnotifiedChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/inspections/{id}/changes": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The site's change notifications since its completed inspection before this one. */
        get: operations["inspectionChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sites/{id}/change-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** A site's change notifications, and whether an approved one still waits for an inspection. */
        get: operations["siteChangeNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/change-notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The supplier's change notifications. */
        get: operations["supplierListChangeNotifications"];
        put?: never;
        /** Notify a change at some of the supplier's sites. */
        post: operations["supplierCreateChangeNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/change-notifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** One of the supplier's change notifications. */
        get: operations["supplierGetChangeNotification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/change-notifications/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** The files of one of the supplier's changes, whoever attached them. */
        get: operations["supplierListChangeNotificationFiles"];
        put?: never;
        /** Attach a file (a drawing, a description) to one of the supplier's changes while it is pending. */
        post: operations["supplierUploadChangeNotificationFile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/supplier/change-notification-files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        /** Download a file of one of the supplier's changes (staff use /attachments/{id}). */
        get: operations["supplierDownloadChangeNotificationFile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    event: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * What qualtrack sends to a subscribed endpoint (docs/integrations.md).
         * @description One `POST` per event and subscription. Verify before trusting it:
         *     recompute HMAC-SHA256 over `<t>.<raw body>` with the subscription's
         *     secret, compare it with `v1` in constant time, and refuse a `t` more
         *     than 5 minutes from your clock. Answer 2xx within the timeout
         *     (`QUALTRACK_WEBHOOK_TIMEOUT`, 10 s); anything else, or no answer,
         *     is retried with exponential backoff (30 s doubling to 6 h, 12
         *     attempts). Redirects are not followed. `X-Qualtrack-Delivery` (the
         *     event id) is the same on every retry.
         */
        post: operations["receiveWebhookEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** @enum {string} */
        ErrorCode: "bad_request" | "unauthenticated" | "forbidden" | "totp_enrolment_required" | "password_change_required" | "not_found" | "method_not_allowed" | "conflict" | "version_conflict" | "too_large" | "validation_failed" | "rate_limited" | "internal" | "database_unavailable" | "sso_unavailable" | "storage_unavailable";
        ErrorDetail: {
            code: components["schemas"]["ErrorCode"];
            /** @description A sentence for a person. */
            message: string;
            /** @description Field or parameter name -> what is wrong with it. Absent when no field is to blame. */
            fields?: {
                [key: string]: string;
            };
        };
        Error: {
            error: components["schemas"]["ErrorDetail"];
        };
        /** @description The shape of every list; each list schema narrows `items`. */
        ListEnvelope: {
            items: unknown[];
            /**
             * Format: int64
             * @description Rows matching the filters, across all pages; when `total_exact` is false, more rows than this match.
             */
            total: number;
            /**
             * @description False when the count stopped before the last match: counting
             *     every match of a broad filter would cost more than reading the
             *     page, so the count stops twenty pages past this one (at least,
             *     rounded up to a thousand) and `total` is where it stopped. Send
             *     `count=exact` for the exact figure. True on every list that is
             *     not that long.
             */
            total_exact: boolean;
            /** @description The page's number; read after a cursor, the number it has when the pages are counted from the first at this page size. */
            page: number;
            page_size: number;
            /** @description The cursor of the following page (send it as `after`); absent on the last page. */
            next?: string;
        };
        HealthStatus: {
            /** @enum {string} */
            status: "ok" | "ready" | "database unreachable" | "migrations pending" | "data directory not writable" | "disk full";
        };
        /**
         * Format: date
         * @example 2026-03-31
         */
        Date: string;
        /** Format: date */
        NullableDate: string | null;
        /** Format: date-time */
        Timestamp: string;
        /** Format: date-time */
        NullableTimestamp: string | null;
        /** @enum {string} */
        Role: "admin" | "manager" | "procurement" | "auditor" | "supplier";
        /** @enum {string} */
        QualificationStatus: "prospective" | "in_qualification" | "qualified" | "conditional" | "suspended" | "disqualified";
        /** @enum {string} */
        RiskTier: "low" | "medium" | "high" | "critical";
        /** @enum {string} */
        InspectionType: "qualification" | "routine" | "for_cause" | "follow_up";
        /** @enum {string} */
        InspectionStatus: "planned" | "completed" | "cancelled";
        /** @enum {string} */
        InspectionResult: "pass" | "conditional" | "fail";
        /**
         * @description The result, or "" while there is none.
         * @enum {string}
         */
        InspectionResultOrNone: "pass" | "conditional" | "fail" | "";
        /** @enum {string} */
        Severity: "critical" | "major" | "minor" | "observation";
        /**
         * @description `unnotified_change`: a change found on site that the manufacturer never notified (see the change notifications).
         * @enum {string}
         */
        FindingCategory: "quality" | "security" | "traceability" | "esd" | "process" | "environmental" | "other" | "unnotified_change";
        /** @enum {string} */
        FindingStatus: "open" | "in_progress" | "closed";
        /**
         * @description Derived from the dates and the withdrawn flag; `expiring` means within the configured window (90 days by default).
         * @enum {string}
         */
        CertificationStatus: "valid" | "expiring" | "expired" | "withdrawn";
        /**
         * @description `self_assessment`: an evidence file a supplier uploaded to a questionnaire; `bom_revision`: the BOM or AVL file of a product's revision; `change_notification`: a drawing or description of a change, attached by the supplier or the buyer while it was pending.
         * @enum {string}
         */
        AttachmentOwner: "site" | "inspection" | "finding" | "certification" | "self_assessment" | "bom_revision" | "change_notification";
        Record: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        LoginRequest: {
            /** Format: email */
            email: string;
            password: string;
            /**
             * @description `cookie` (the web app): only the HttpOnly session cookie, no
             *     `token` in the answer. Absent or `token` (API clients): the
             *     bearer token as well.
             * @enum {string}
             */
            session?: "cookie" | "token";
        };
        SessionUser: {
            /** Format: int64 */
            id: number;
            email: string;
            name: string;
            role: components["schemas"]["Role"];
        };
        SignInMethods: {
            /** @description Anyone may sign in with a password; false when only the break-glass administrator may. */
            password: boolean;
            /** @description Single sign-on, or null when it is not configured. */
            sso: null | {
                /** @example Contoso Entra ID */
                provider_name: string;
            };
        };
        SSOStart: {
            /** Format: uri */
            authorization_url: string;
            /** @description The sign-in must come back before this. */
            expires_at: components["schemas"]["Timestamp"];
        };
        LoginResponse: {
            /** @description A JWT for `Authorization: Bearer`. */
            token?: string;
            /** @description When the session ends, or (with `totp_required`) when the challenge does. */
            expires_at: components["schemas"]["Timestamp"];
            user?: components["schemas"]["SessionUser"];
            /**
             * @description The password was right and the account has two-factor sign-in on.
             *     No session was started: `token` and `user` are absent; send
             *     `challenge` with a code to `POST /auth/login/totp`.
             */
            totp_required?: boolean;
            /** @description With `totp_required`; valid 5 minutes. */
            challenge?: string;
            /**
             * @description Two-factor sign-in is mandatory for the user's role and not set up
             *     yet: the session may only call `GET /auth/me`, `POST /auth/logout`,
             *     `POST /me/totp/enrol` and `POST /me/totp/confirm`; every other
             *     route answers 403 `totp_enrolment_required`.
             */
            totp_enrolment_required?: boolean;
            /**
             * @description An administrator set the password (or the server generated it):
             *     until `POST /auth/password` changes it, every route but
             *     `GET /auth/me`, `POST /auth/logout` and `POST /auth/password`
             *     answers 403 `password_change_required`.
             */
            password_change_required?: boolean;
        };
        Me: components["schemas"]["User"] & {
            /** @description This session may only enrol in two-factor sign-in (see LoginResponse). */
            totp_enrolment_required: boolean;
        };
        PasswordChange: {
            current_password: string;
            /** @description 12 to 256 characters, not only spaces or invisible characters, no control characters, not a common password (over 30,000 refused, the demo password included), not containing the user's e-mail local part or name, different from the current one. */
            new_password: string;
        };
        User: components["schemas"]["Record"] & {
            /** @description Stored lower-case; unique. */
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            active: boolean;
            /** @description The login stops working at this time (auditors' limited access); null for no end. */
            access_expires_at: components["schemas"]["NullableTimestamp"];
            last_login_at: components["schemas"]["NullableTimestamp"];
            /**
             * @description When the mail server refused this address for good (a 5xx
             *     answer to a reminder digest); reminders then reach the user in
             *     the app only, until the address changes or `qualtrack reminders
             *     test-email --to` the address goes through. null when not refused.
             */
            email_refused_at?: components["schemas"]["NullableTimestamp"];
            /** @description The mail server's answer to the refused address; empty when not refused. */
            email_refusal?: string;
            /** Format: int64 */
            version: number;
            /**
             * @description An auditor limited to these manufacturers reads only their
             *     records (anything else answers 404 or is left out of lists,
             *     the dashboard, reports, the audit trail, notifications and the
             *     calendar feed); null when not limited. A supplier's is its one
             *     manufacturer.
             */
            scope_manufacturer_ids?: number[] | null;
            /** @description The sites a supplier is limited to; null for every site of its manufacturer (and for every other role). */
            scope_site_ids?: number[] | null;
            /** @description Two-factor sign-in is on. */
            totp_enabled?: boolean;
            /** @description The password was generated or set by an administrator; the user must change it at their next sign-in (see LoginResponse.password_change_required). */
            must_change_password?: boolean;
            language?: components["schemas"]["Language"];
        };
        /**
         * @description The language of the translated screens and e-mails (the supplier's); `""` follows the browser's, and e-mails are then in English.
         * @enum {string}
         */
        Language: "" | "en" | "zh-CN";
        CreatedUser: components["schemas"]["User"] & {
            /** @description Present only when the request gave no password; shown this once. */
            generated_password?: string;
        };
        UserCreate: {
            /** Format: email */
            email: string;
            name: string;
            role: components["schemas"]["Role"];
            /** @description Omit to have one generated and returned once as `generated_password`. */
            password?: string;
            /** @default true */
            active?: boolean;
            /** @description Must be in the future. */
            access_expires_at?: components["schemas"]["NullableTimestamp"];
            /**
             * @description Limits a new auditor to these manufacturers from the start, in
             *     the same transaction as the creation (422 for another role or an
             *     unknown manufacturer, and nothing is created); null or [] for no
             *     limit. A supplier must name exactly one: its manufacturer.
             */
            scope_manufacturer_ids?: number[] | null;
            /** @description Limits a new supplier to these sites of its manufacturer (422 for another role or another manufacturer's site). */
            scope_site_ids?: number[] | null;
        };
        UserUpdate: {
            /** Format: int64 */
            version: number;
            /** Format: email */
            email?: string;
            name?: string;
            role?: components["schemas"]["Role"];
            active?: boolean;
            /** @description null removes the end of access; a time already past ends the access now (a new user's must be in the future). */
            access_expires_at?: components["schemas"]["NullableTimestamp"];
            /** @description Resets the password. */
            password?: string;
            /** @description Limits an auditor to these manufacturers (422 for another role or an unknown manufacturer); null or [] removes the limit. A change ends the user's sessions. */
            scope_manufacturer_ids?: number[] | null;
        };
        SecuritySettings: {
            require_totp_for: components["schemas"]["Role"][];
        };
        UserList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["User"][];
        };
        ServiceToken: {
            /** Format: int64 */
            id: number;
            name: string;
            /** @description The secret's first characters, to tell tokens apart (`qt_AbC1x2`). */
            prefix: string;
            /**
             * @description auditor reads; procurement reads and writes records.
             * @enum {string}
             */
            role: "auditor" | "procurement";
            /**
             * Format: int64
             * @description The one manufacturer a read-only token is limited to; null for every manufacturer.
             */
            manufacturer_id: number | null;
            manufacturer_name: string;
            /** @enum {string} */
            status: "active" | "expired" | "revoked";
            expires_at: components["schemas"]["NullableTimestamp"];
            revoked_at: components["schemas"]["NullableTimestamp"];
            /** @description Recorded to the minute. */
            last_used_at: components["schemas"]["NullableTimestamp"];
            created_at: components["schemas"]["Timestamp"];
            created_by: string;
        };
        CreatedServiceToken: components["schemas"]["ServiceToken"] & {
            /** @description The secret (`qt_` and 43 characters); shown this once. */
            token: string;
        };
        ServiceTokenCreate: {
            /** @description Unique; the audit trail shows `token: <name>`. */
            name: string;
            /** @enum {string} */
            role: "auditor" | "procurement";
            /**
             * Format: int64
             * @description Only for an auditor token.
             */
            manufacturer_id?: number | null;
            /** @description In the future, at most two years ahead. */
            expires_at: components["schemas"]["Timestamp"];
        };
        ServiceTokenList: {
            items: components["schemas"]["ServiceToken"][];
        };
        /** @enum {string} */
        WebhookEventType: "site.status_changed" | "inspection.completed" | "finding.opened" | "finding.closed" | "finding.overdue" | "certificate.expiring" | "certificate.expired" | "corrective_action.stage_submitted" | "change_notification.decided";
        Webhook: components["schemas"]["Record"] & {
            name: string;
            url: string;
            event_types: components["schemas"]["WebhookEventType"][];
            /** @description false stops queueing events for the endpoint. */
            active: boolean;
            /** @enum {string} */
            status: "active" | "paused" | "disabled";
            /** @description Set while deliveries are paused; events keep queueing. */
            paused_at: components["schemas"]["NullableTimestamp"];
            pause_reason: string;
            consecutive_failures: number;
            /**
             * Format: int64
             * @description Events waiting for delivery.
             */
            pending: number;
            /** Format: int64 */
            version: number;
        };
        CreatedWebhook: components["schemas"]["Webhook"] & {
            /** @description The signing secret (`whsec_...`); shown this once. */
            secret: string;
        };
        WebhookCreate: {
            name: string;
            url: string;
            event_types: components["schemas"]["WebhookEventType"][];
            /** @default true */
            active?: boolean;
        };
        WebhookUpdate: {
            name: string;
            url: string;
            event_types: components["schemas"]["WebhookEventType"][];
            /** @default true */
            active?: boolean;
            /** Format: int64 */
            version: number;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
            event_types: components["schemas"]["WebhookEventType"][];
        };
        WebhookDelivery: {
            /** Format: int64 */
            id: number;
            attempted_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            subscription_id: number;
            event_id: string;
            event_type: string;
            attempt: number;
            /** @description The endpoint's HTTP status; 0 when it did not answer (refused, timed out, unreachable). */
            status_code: number;
            /** Format: int64 */
            duration_ms: number;
            error: string;
            succeeded: boolean;
        };
        WebhookDeliveryList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["WebhookDelivery"][];
        };
        /**
         * @description The body of every delivery. `data` depends on `type`
         *     (docs/integrations.md); every event about a site carries
         *     `data.site` with its id, code, name, manufacturer_id and
         *     manufacturer_name.
         */
        WebhookEvent: {
            /** @description evt_...; the same across retries, so a receiver can drop duplicates. */
            id: string;
            type: components["schemas"]["WebhookEventType"] | "webhook.test";
            created_at: components["schemas"]["Timestamp"];
            data: Record<string, never>;
        };
        Manufacturer: components["schemas"]["Record"] & {
            /** @description Unique. */
            name: string;
            legal_name: string;
            /** @description ISO 3166-1 alpha-2, or "" when not given. */
            country: string;
            website: string;
            notes: string;
            archived_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            /** @description Derived from archived_at. */
            archived: boolean;
            /**
             * Format: int64
             * @description Derived; every site of the manufacturer, archived ones too.
             */
            site_count: number;
        };
        ManufacturerCreate: {
            name: string;
            legal_name?: string;
            /** @description ISO 3166-1 alpha-2 code or English name; optional. */
            country?: string;
            /** @description An http:// or https:// address. */
            website?: string;
            notes?: string;
        };
        ManufacturerUpdate: {
            /** Format: int64 */
            version: number;
            name?: string;
            legal_name?: string;
            country?: string;
            website?: string;
            notes?: string;
            /** @description true archives, false restores. */
            archived?: boolean;
        };
        ManufacturerList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Manufacturer"][];
        };
        /** @description Findings still needing work (open or in progress), by severity. */
        SeverityCounts: {
            /** Format: int64 */
            critical: number;
            /** Format: int64 */
            major: number;
            /** Format: int64 */
            minor: number;
            /** Format: int64 */
            observation: number;
        };
        /** @description The site's certificates by derived status. */
        CertificationSummary: {
            /** Format: int64 */
            valid: number;
            /** Format: int64 */
            expiring: number;
            /** Format: int64 */
            expired: number;
            /** Format: int64 */
            withdrawn: number;
            /** @description The soonest expiry among certificates neither expired nor withdrawn. */
            next_expiry: components["schemas"]["NullableDate"];
        };
        Site: components["schemas"]["Record"] & {
            /** Format: int64 */
            manufacturer_id: number;
            /**
             * @description Unique, upper-case, 2-40 of A-Z 0-9 . _ -
             * @example ACME-SZ1
             */
            code: string;
            name: string;
            address: string;
            city: string;
            /** @description ISO 3166-1 alpha-2. */
            country: string;
            /** @description Lower-case; the known ones are smt, pcb_fabrication, final_assembly, firmware_programming, testing, cable_assembly, box_build, repair, packaging; others are allowed. */
            processes: string[];
            approved_scope: string;
            risk_tier: components["schemas"]["RiskTier"];
            qualification_status: components["schemas"]["QualificationStatus"];
            /** @description When the site entered its current status. */
            status_since: components["schemas"]["Timestamp"];
            /** @description Set only while the status is conditional. */
            conditional_until: components["schemas"]["NullableDate"];
            contact_name: string;
            contact_email: string;
            contact_phone: string;
            notes: string;
            /** @description Derived - the performed date of the last completed inspection. */
            last_inspection_date: components["schemas"]["NullableDate"];
            /** @description Derived - the result of the last completed inspection. */
            last_inspection_result: components["schemas"]["InspectionResultOrNone"];
            /** @description Derived - last completed inspection + the interval for the risk tier (60 days after a fail); from the creation date when never inspected. */
            next_inspection_due: components["schemas"]["NullableDate"];
            /** @description Derived - the earliest planned inspection. */
            next_planned_date: components["schemas"]["NullableDate"];
            archived_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            /** @description Derived. */
            manufacturer_name: string;
            /** @description Derived from archived_at. */
            archived: boolean;
            /** @description Derived - due before today and no inspection planned on or before the due date. */
            overdue: boolean;
            open_findings: components["schemas"]["SeverityCounts"];
            certification_summary: components["schemas"]["CertificationSummary"];
        };
        SiteCreate: {
            /**
             * Format: int64
             * @description An existing, not archived manufacturer.
             */
            manufacturer_id: number;
            /** @description Stored upper-case; 2-40 letters, digits, dashes, underscores or dots. */
            code: string;
            name: string;
            address?: string;
            city?: string;
            /** @description ISO 3166-1 alpha-2 code or English name. */
            country: string;
            processes?: string[];
            approved_scope?: string;
            risk_tier: components["schemas"]["RiskTier"];
            contact_name?: string;
            contact_email?: string;
            contact_phone?: string;
            notes?: string;
        };
        SiteUpdate: {
            /** Format: int64 */
            version: number;
            /** Format: int64 */
            manufacturer_id?: number;
            code?: string;
            name?: string;
            address?: string;
            city?: string;
            country?: string;
            processes?: string[];
            approved_scope?: string;
            risk_tier?: components["schemas"]["RiskTier"];
            contact_name?: string;
            contact_email?: string;
            contact_phone?: string;
            notes?: string;
            /** @description true archives, false restores. */
            archived?: boolean;
        };
        SiteList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Site"][];
        };
        DecisionRequest: {
            status: components["schemas"]["QualificationStatus"];
            reason: string;
            /** @description Required for, and only for, a move to conditional; after today. */
            conditional_until?: components["schemas"]["NullableDate"];
            /** @description Required: every decision is signed (meaning approved or reviewed). */
            signature: components["schemas"]["SignatureRequest"];
        };
        /** @enum {string} */
        SignatureMeaning: "approved" | "verified" | "reviewed" | "authored";
        /**
         * @description The electronic signature of a signed change (a qualification decision,
         *     closing a finding, completing an inspection): the signer's password
         *     again, their current two-factor code when they use two-factor
         *     sign-in, and what the signature means. Each signed action allows
         *     some meanings (decision: approved, reviewed; closing a finding:
         *     verified, reviewed, approved; completing an inspection: authored,
         *     reviewed, approved; approving a firmware release: approved). Missing where required: 422 with field
         *     `signature`; a wrong password or code: 422 `signature.password`,
         *     counted against the sign-in limits (429 when over them) and audited
         *     as `signature.failed`; a meaning the action does not allow: 422
         *     `signature.meaning`; sent with a change that signs nothing: 422
         *     `signature`.
         */
        SignatureRequest: {
            /** Format: password */
            password: string;
            /** @description The two-factor code; required when the signer uses two-factor sign-in. */
            code?: string;
            meaning: components["schemas"]["SignatureMeaning"];
        };
        /**
         * @description A stored electronic signature. It is written in the transaction of
         *     the change it signs, is part of that change's audit event, and is
         *     never edited, deleted or moved (the table is append-only).
         *     `content_hash` is the SHA-256 of the record's signed content (its
         *     canonical JSON), so it shows exactly what was signed.
         */
        Signature: {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            signer_id: number;
            signer_name: string;
            signer_email: string;
            meaning: components["schemas"]["SignatureMeaning"];
            /** @enum {string} */
            action: "site.qualification" | "finding.close" | "inspection.complete" | "firmware_release.approve";
            /** @enum {string} */
            entity_type: "qualification_decision" | "finding" | "inspection" | "firmware_release";
            /** Format: int64 */
            entity_id: number;
            content_hash: string;
            /** @description A two-factor code was checked as well as the password. */
            two_factor: boolean;
            signed_at: components["schemas"]["Timestamp"];
        };
        NullableSignature: components["schemas"]["Signature"] | null;
        QualificationDecision: components["schemas"]["Record"] & {
            /** Format: int64 */
            site_id: number;
            from: components["schemas"]["QualificationStatus"];
            to: components["schemas"]["QualificationStatus"];
            reason: string;
            conditional_until: components["schemas"]["NullableDate"];
            /** Format: int64 */
            decided_by_id: number;
            decided_at: components["schemas"]["Timestamp"];
            decided_by: {
                /** Format: int64 */
                id: number;
                name: string;
                email: string;
            };
            /** @description The decider's signature (null for decisions recorded before decisions were signed). */
            signature?: components["schemas"]["NullableSignature"];
        };
        DecisionResult: {
            decision: components["schemas"]["QualificationDecision"];
            site: components["schemas"]["Site"];
        };
        QualificationOptions: {
            current: components["schemas"]["QualificationStatus"];
            allowed: {
                status: components["schemas"]["QualificationStatus"];
                /** @description The rules the site does not meet yet for this status; empty means the move can be made now. */
                unmet: components["schemas"]["UnmetRule"][];
                needs_conditional_until: boolean;
            }[];
        };
        /** @description One rule a site does not meet yet for a status, with the records that block it. */
        UnmetRule: {
            /**
             * @description Which rule: the move itself (`status`), a recent inspection with an
             *     accepted result (`inspection`), no open blocking finding (`findings`)
             *     or a certificate neither expired nor withdrawn (`certification`).
             * @enum {string}
             */
            rule: "status" | "inspection" | "findings" | "certification";
            /** @description What is wrong, in words a manager understands. */
            message: string;
            /**
             * @description The records that stand in the way, to open and fix: the failed or
             *     too old inspection, each open blocking finding (most severe first),
             *     each expired or withdrawn certificate. Empty when nothing on record
             *     blocks (the site has no inspection or no certificate at all, or the
             *     move itself is not allowed).
             */
            blockers: components["schemas"]["UnmetRuleBlocker"][];
        };
        UnmetRuleBlocker: {
            /** @enum {string} */
            type: "inspection" | "finding" | "certification";
            /** Format: int64 */
            id: number;
            /** @description The record in words, e.g. "Routine inspection, failed", "Major finding: ...", "ISO 9001:2015, expired". */
            label: string;
            /** @description The day that makes it a blocker (an inspection's performed date, a certificate's expiry date), or null. */
            date: components["schemas"]["NullableDate"];
        };
        QualificationDecisionList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["QualificationDecision"][];
        };
        /** @description The inspection's findings by severity (open and closed together) and how many are not closed. */
        FindingCounts: {
            /** Format: int64 */
            critical: number;
            /** Format: int64 */
            major: number;
            /** Format: int64 */
            minor: number;
            /** Format: int64 */
            observation: number;
            /** Format: int64 */
            open: number;
        };
        Inspection: components["schemas"]["Record"] & {
            /** Format: int64 */
            site_id: number;
            type: components["schemas"]["InspectionType"];
            status: components["schemas"]["InspectionStatus"];
            scheduled_date: components["schemas"]["NullableDate"];
            performed_date: components["schemas"]["NullableDate"];
            /** Format: int64 */
            lead_inspector_id: number | null;
            team: string;
            scope: string;
            result: components["schemas"]["InspectionResultOrNone"];
            score: number | null;
            summary: string;
            /** @description Why the recorded result differs from the one the checklists suggest; empty when it does not. */
            result_override_reason: string;
            /** @description Why critical checklist items were left unanswered when it was completed; empty when none were. */
            unanswered_reason: string;
            /** @description Why a manager last corrected the completed inspection's result, status, site or performed date; empty when it never was. Every correction is in the audit trail (inspection.correct). */
            correction_reason: string;
            /** Format: int64 */
            version: number;
            /** @description Derived. */
            site_code: string;
            /** @description Derived. */
            site_name: string;
            /** @description Derived; "" without a lead inspector. */
            lead_inspector_name: string;
            finding_counts: components["schemas"]["FindingCounts"];
            /** @description The signature that completed the inspection, while it is completed. */
            signature?: components["schemas"]["NullableSignature"];
        };
        InspectionCreate: {
            /**
             * Format: int64
             * @description An existing, not archived site.
             */
            site_id: number;
            type: components["schemas"]["InspectionType"];
            /** @description Defaults to planned. */
            status?: components["schemas"]["InspectionStatus"];
            /** @description Required when planned. */
            scheduled_date?: components["schemas"]["NullableDate"];
            /** @description Required when completed; not in the future. */
            performed_date?: components["schemas"]["NullableDate"];
            /**
             * Format: int64
             * @description An active user.
             */
            lead_inspector_id?: number | null;
            team?: string;
            scope?: string;
            /** @description Required when completed; none while planned. */
            result?: components["schemas"]["InspectionResultOrNone"];
            score?: number | null;
            summary?: string;
            /** @description Required when the inspection is logged as completed; refused otherwise. */
            signature?: components["schemas"]["SignatureRequest"];
        };
        InspectionUpdate: {
            /** Format: int64 */
            version: number;
            /** Format: int64 */
            site_id?: number;
            type?: components["schemas"]["InspectionType"];
            status?: components["schemas"]["InspectionStatus"];
            scheduled_date?: components["schemas"]["NullableDate"];
            performed_date?: components["schemas"]["NullableDate"];
            /** Format: int64 */
            lead_inspector_id?: number | null;
            team?: string;
            scope?: string;
            result?: components["schemas"]["InspectionResultOrNone"];
            score?: number | null;
            summary?: string;
            /** @description Required when the result differs from the checklists' suggested result. */
            result_override_reason?: string;
            /** @description Required to complete an inspection whose checklists leave a critical item unanswered (422 on this field naming the items otherwise). */
            unanswered_reason?: string;
            /** @description Required (and only accepted) when the change corrects a completed inspection's result, status, site or performed date; managers and admins only. */
            correction_reason?: string;
            /** @description Required when the change completes the inspection, or corrects a completed one that stays completed; refused otherwise. */
            signature?: components["schemas"]["SignatureRequest"];
        };
        InspectionList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Inspection"][];
        };
        Finding: components["schemas"]["Record"] & {
            /** Format: int64 */
            inspection_id: number;
            /**
             * Format: int64
             * @description The inspection's site.
             */
            site_id: number;
            severity: components["schemas"]["Severity"];
            category: components["schemas"]["FindingCategory"];
            /** @example ISO 9001:2015 8.5.2 */
            requirement: string;
            description: string;
            corrective_action: string;
            owner: string;
            due_date: components["schemas"]["NullableDate"];
            status: components["schemas"]["FindingStatus"];
            verification_note: string;
            /**
             * Format: int64
             * @description Who closed the finding.
             */
            verified_by_id: number | null;
            verified_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            /** @description Derived - not closed and due before today. */
            overdue: boolean;
            /** @description Derived. */
            site_code: string;
            /** @description Derived. */
            site_name: string;
            /** @description Derived. */
            verified_by_name: string;
            /** @description The signature that closed the finding, while it is closed. */
            signature?: components["schemas"]["NullableSignature"];
        };
        FindingCreate: {
            severity: components["schemas"]["Severity"];
            category: components["schemas"]["FindingCategory"];
            requirement?: string;
            description: string;
            corrective_action?: string;
            owner?: string;
            /** @description Defaults by severity (critical 7 days, major 30, minor 90; observation none). */
            due_date?: components["schemas"]["NullableDate"];
            /** @description Defaults to open. */
            status?: components["schemas"]["FindingStatus"];
            /** @description Required when closed. */
            verification_note?: string;
            /** @description Required when the finding is recorded as closed; refused otherwise. */
            signature?: components["schemas"]["SignatureRequest"];
        };
        FindingUpdate: {
            /** Format: int64 */
            version: number;
            severity?: components["schemas"]["Severity"];
            category?: components["schemas"]["FindingCategory"];
            requirement?: string;
            description?: string;
            corrective_action?: string;
            owner?: string;
            due_date?: components["schemas"]["NullableDate"];
            status?: components["schemas"]["FindingStatus"];
            verification_note?: string;
            /** @description Required when the change closes the finding (verification); refused otherwise. */
            signature?: components["schemas"]["SignatureRequest"];
        };
        FindingList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Finding"][];
        };
        Certification: components["schemas"]["Record"] & {
            /** Format: int64 */
            site_id: number;
            /**
             * @description Known standards are stored in one spelling.
             * @example ISO 9001:2015
             */
            standard: string;
            certificate_number: string;
            issuing_body: string;
            scope: string;
            issued_on: components["schemas"]["NullableDate"];
            expires_on: components["schemas"]["Date"];
            withdrawn: boolean;
            withdrawn_reason: string;
            /**
             * Format: int64
             * @description Who last checked the certificate against the issuing body's register.
             */
            verified_by_id: number | null;
            verified_at: components["schemas"]["NullableTimestamp"];
            /**
             * Format: int64
             * @description Set when the certificate is the counterfeit-avoidance
             *     certificate of one of the site's component sources (such as
             *     SAE AS6081): it follows the source (created, changed and
             *     deleted with it; `PATCH` and `DELETE` here are 409), is
             *     listed, reminded of and counted on the dashboard like the
             *     site's own, and never counts toward the site's
             *     qualification. null for the site's own certificates.
             */
            component_source_id: number | null;
            /** Format: int64 */
            version: number;
            status: components["schemas"]["CertificationStatus"];
            /** @description Derived; negative once expired. */
            days_to_expiry: number;
            /** @description Derived from verified_at. */
            verified: boolean;
            /** @description Derived. */
            verified_by_name: string;
            /** @description Derived. */
            site_code: string;
            /** @description Derived. */
            site_name: string;
            /** @description Derived; the name of the component source holding the certificate, "" for the site's own. */
            component_source_name: string;
        };
        CertificationCreate: {
            /**
             * Format: int64
             * @description An existing, not archived site.
             */
            site_id: number;
            standard: string;
            certificate_number?: string;
            issuing_body?: string;
            scope?: string;
            /** @description Not after expires_on. */
            issued_on?: components["schemas"]["NullableDate"];
            expires_on: components["schemas"]["Date"];
            /** @default false */
            withdrawn?: boolean;
            /** @description Required when withdrawn; dropped otherwise. */
            withdrawn_reason?: string;
            /** @description true records that the certificate was just checked against the issuing body's register (by the caller, now). */
            verified?: boolean;
        };
        CertificationUpdate: {
            /** Format: int64 */
            version: number;
            /** Format: int64 */
            site_id?: number;
            standard?: string;
            certificate_number?: string;
            issuing_body?: string;
            scope?: string;
            issued_on?: components["schemas"]["NullableDate"];
            expires_on?: components["schemas"]["Date"];
            withdrawn?: boolean;
            withdrawn_reason?: string;
            /** @description true records a new register check (by the caller, now); false clears it. */
            verified?: boolean;
        };
        CertificationList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Certification"][];
        };
        Attachment: components["schemas"]["Record"] & {
            owner_type: components["schemas"]["AttachmentOwner"];
            /** Format: int64 */
            owner_id: number;
            /** @description The uploaded name, cleaned. */
            file_name: string;
            /** @description Detected from the file's bytes. */
            content_type: string;
            /** Format: int64 */
            size: number;
            sha256: string;
            /** Format: int64 */
            uploaded_by_id: number;
            uploaded_at: components["schemas"]["Timestamp"];
            /** @description Derived. */
            uploaded_by_name: string;
        };
        AttachmentList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Attachment"][];
        };
        SiteAttachment: components["schemas"]["Attachment"] & {
            /** @description The record the file is attached to. */
            record: {
                type: components["schemas"]["AttachmentOwner"];
                /** Format: int64 */
                id: number;
                /** @description The record in words: the site's code and name, "Routine inspection, passed", "Major finding: ...", "ISO 9001:2015, no. Q-1234". */
                label: string;
                /** @description An inspection's performed (else scheduled) date; null for other records. */
                date: components["schemas"]["NullableDate"];
            };
        };
        SiteAttachmentList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["SiteAttachment"][];
        };
        AuditEvent: {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            sequence: number;
            occurred_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            actor_id: number | null;
            actor_email: string;
            actor_role: string;
            /** @example site.update */
            action: string;
            /** @example site */
            entity_type: string;
            /** Format: int64 */
            entity_id: number | null;
            /**
             * @description `{field: [old, new]}` for a creation or change (old is null on a
             *     creation), `{"deleted": record}` for a deletion, or other details
             *     (a failed sign-in's `reason`, an export's filters).
             */
            changes: {
                [key: string]: unknown;
            } | null;
            client_ip: string;
            prev_hash: string;
            hash: string;
            created_at: components["schemas"]["Timestamp"];
            /** @description The acting user's name; empty for the system. */
            actor_name: string;
            /**
             * @description What happened, in words.
             * @example Site changed
             */
            summary: string;
            record: components["schemas"]["AuditRecord"] | null;
            /**
             * @description Only the fields that changed, with labels and values as people
             *     read them (names instead of ids, labels instead of codes).
             */
            fields: components["schemas"]["AuditFieldChange"][];
        };
        /** @enum {string} */
        AuditRecordType: "site" | "manufacturer" | "inspection" | "finding" | "certification" | "attachment" | "inspection_checklist" | "checklist_answer" | "checklist_template" | "user" | "import" | "export" | "report" | "settings" | "reminder_run" | "product" | "site_product" | "firmware_release" | "bom_revision" | "integrity_observation" | "component_source" | "part_incident" | "self_assessment";
        /** @description The record an event belongs to. */
        AuditRecord: {
            /** @example site */
            type: string;
            /** @example Site */
            type_label: string;
            /**
             * Format: int64
             * @description 0 when the event is about no single record (an import).
             */
            id: number;
            /** @example ACME-SZ1 Shenzhen Longhua SMT plant */
            label: string;
            /**
             * @description The web app's page showing the record; empty when it has none or was deleted.
             * @example /sites/3
             */
            link: string;
        };
        AuditFieldChange: {
            /** @example risk_tier */
            field: string;
            /** @example Risk tier */
            label: string;
            /**
             * @description A date is YYYY-MM-DD and a timestamp RFC 3339; a reader shows them in their own format.
             * @enum {string}
             */
            kind: "text" | "date" | "timestamp";
            /** @description Empty for a creation or a detail of the event. */
            before: string;
            /** @description Empty for a deletion. */
            after: string;
        };
        AuditActor: {
            /** Format: int64 */
            id: number;
            name: string;
            email: string;
        };
        AuditEventList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["AuditEvent"][];
        };
        AuditVerifyResult: {
            valid: boolean;
            /**
             * Format: int64
             * @description Events checked.
             */
            events: number;
            /**
             * Format: int64
             * @description Present when the chain is broken.
             */
            first_invalid_sequence?: number;
            /** @description Present when the chain is broken. */
            reason?: string;
            /** @description The newest event's hash; present only when the chain is valid (a broken chain has no head to keep). */
            head_hash?: string;
        };
        AuditHead: {
            /** Format: int64 */
            sequence: number;
            hash: string;
            /** @description When the head event happened (the zero time, 0001-01-01T00:00:00Z, on an empty trail). */
            occurred_at: components["schemas"]["Timestamp"];
            exported_at: components["schemas"]["Timestamp"];
            /** @description The checkpoint key that signed the head (first 16 hex digits of its SHA-256). */
            key_id?: string;
            /**
             * @description Ed25519 signature (base64) over "qualtrack-audit-checkpoint/v1", sequence, hash,
             *     occurred_at and exported_at (RFC 3339, UTC), one per line.
             */
            signature?: string;
        };
        AuditHeadCheck: components["schemas"]["AuditVerifyResult"] & {
            /** @description The head was signed with this server's checkpoint key. */
            signature_valid: boolean;
            /** @description This server's checkpoint key. */
            key_id: string;
        };
        CheckpointKey: {
            key_id: string;
            /** @description The Ed25519 public key as PKIX PEM. */
            public_key_pem: string;
        };
        MonthResults: {
            /** @example 2026-01 */
            month: string;
            /** Format: int64 */
            pass: number;
            /** Format: int64 */
            conditional: number;
            /** Format: int64 */
            fail: number;
        };
        Dashboard: {
            today: components["schemas"]["Date"];
            /** @description The window in which a certificate counts as expiring. */
            expiring_within_days: number;
            /** @description Every status, with 0 when no site has it. */
            sites_by_status: {
                /** Format: int64 */
                prospective: number;
                /** Format: int64 */
                in_qualification: number;
                /** Format: int64 */
                qualified: number;
                /** Format: int64 */
                conditional: number;
                /** Format: int64 */
                suspended: number;
                /** Format: int64 */
                disqualified: number;
            };
            /**
             * Format: int64
             * @description Sites whose next inspection is due from today to 30 days ahead.
             */
            inspections_due_30_days: number;
            /**
             * Format: int64
             * @description Sites whose inspection is overdue.
             */
            inspections_overdue: number;
            /** Format: int64 */
            planned_inspections_next_30_days: number;
            /** Format: int64 */
            certifications_expiring: number;
            /** Format: int64 */
            certifications_expired: number;
            /** @description Findings still needing work, every severity present. */
            open_findings_by_severity: {
                /** Format: int64 */
                critical: number;
                /** Format: int64 */
                major: number;
                /** Format: int64 */
                minor: number;
                /** Format: int64 */
                observation: number;
            };
            /** Format: int64 */
            overdue_findings: number;
            /**
             * Format: int64
             * @description Open corrective-action requests with a stage the supplier left past its due date.
             */
            overdue_corrective_actions: number;
            /**
             * Format: int64
             * @description Questionnaires with the supplier (open or returned) past their due date (the total of GET /self-assessments?overdue=true).
             */
            overdue_self_assessments: number;
            /**
             * Format: int64
             * @description Questionnaires submitted and waiting for the buyer's review (the total of GET /self-assessments?status=submitted).
             */
            self_assessments_to_review: number;
            /**
             * Format: int64
             * @description Products at active sites whose hardware integrity drifts (the total of GET /integrity/drift).
             */
            integrity_drift: number;
            /** @description Completed inspections by result for the last 12 months, this one included, oldest first. */
            inspections_per_month: components["schemas"]["MonthResults"][];
            /** @description The records to look at first, at most 10 of each. */
            attention: {
                overdue_sites: {
                    /** Format: int64 */
                    id: number;
                    code: string;
                    name: string;
                    next_inspection_due: components["schemas"]["NullableDate"];
                    days_overdue: number;
                }[];
                expiring_certifications: {
                    /** Format: int64 */
                    id: number;
                    /** Format: int64 */
                    site_id: number;
                    site_code: string;
                    standard: string;
                    expires_on: components["schemas"]["Date"];
                    days_left: number;
                    /** @description The component source holding the certificate; "" for the site's own. */
                    component_source_name: string;
                }[];
                overdue_findings: {
                    /** Format: int64 */
                    id: number;
                    /** Format: int64 */
                    site_id: number;
                    site_code: string;
                    severity: components["schemas"]["Severity"];
                    /** @description Cut to about 120 characters. */
                    description: string;
                    due_date: components["schemas"]["NullableDate"];
                    days_overdue: number;
                }[];
            };
        };
        ImportProblem: {
            sheet: string;
            /** @description The row number the spreadsheet shows (the template's header is row 1); 0 when the problem is with the whole file. */
            row: number;
            /** @description The column's header as the file spells it ("" when the problem is not in one column). */
            column: string;
            /** @description The cell reference, such as C7, when known. */
            cell?: string;
            message: string;
        };
        ImportResult: {
            dry_run: boolean;
            /** @description Records created (in a dry run, that would be). */
            created: number;
            /** @description Records updated (in a dry run, that would be). */
            updated: number;
            /** @description Sites import only - manufacturers created for names not on record. */
            manufacturers_created?: number;
            /** @description Rows that matched a record without changing it. */
            unchanged?: number;
            /** @description The sheet that was read. */
            sheet?: string;
            /** @description Headers that match no field. */
            ignored_columns?: string[];
            /** @description Every problem; empty when the file imports cleanly. */
            errors: components["schemas"]["ImportProblem"][];
            /** @description Rows read and left out on purpose (the template's example row); they do not stop the import. */
            warnings?: components["schemas"]["ImportProblem"][];
            /** @description Row by row, the records created and updated (in a dry run, that would be); empty when the import was refused. */
            changes?: components["schemas"]["ImportChange"][];
        };
        ImportChange: {
            /** @description The row number the spreadsheet shows. */
            row: number;
            /** @description The site code, or the certificate's site code, standard and number. */
            record: string;
            /** @enum {string} */
            action: "create" | "update";
            /** @description The fields an update changes (JSON names; a site's manufacturer by name), empty for a creation. */
            fields: {
                field: string;
                /** @description The stored value before the import: a string, an array of strings, a boolean or null. */
                old: unknown;
                /** @description The value after the import. */
                new: unknown;
            }[];
        };
        /**
         * @description The error, and beside it the import answer when the file was read (a request that is not multipart/form-data gets the error alone).
         * @example {
         *       "error": {
         *         "code": "validation_failed",
         *         "message": "Nothing was imported: 1 problem to fix. Correct the rows listed in errors and import the file again.",
         *         "fields": {
         *           "file": "Nothing was imported: 1 problem to fix. Correct the rows listed in errors and import the file again."
         *         }
         *       },
         *       "dry_run": false,
         *       "created": 0,
         *       "updated": 0,
         *       "errors": [
         *         {
         *           "sheet": "Sites",
         *           "row": 7,
         *           "column": "Risk tier",
         *           "message": "\"severe\" is not a risk tier; use one of: low, medium, high, critical."
         *         }
         *       ]
         *     }
         */
        ImportRejected: components["schemas"]["Error"] | (components["schemas"]["Error"] & components["schemas"]["ImportResult"]);
        /** @enum {string} */
        AnswerType: "yes_no" | "rating_1_5" | "text";
        ChecklistItem: components["schemas"]["Record"] & {
            /** Format: int64 */
            template_id: number;
            /** Format: int64 */
            section_id: number;
            position: number;
            /** @description Section and item number, e.g. "2.3". */
            number: string;
            question: string;
            guidance: string;
            requirement: string;
            weight: number;
            answer_type: components["schemas"]["AnswerType"];
            na_allowed: boolean;
            /** @description Failing it (no, or rated 2 or lower) fails the inspection. */
            critical: boolean;
            category: components["schemas"]["FindingCategory"];
        };
        ChecklistSection: components["schemas"]["Record"] & {
            /** Format: int64 */
            template_id: number;
            position: number;
            number: number;
            title: string;
            items: components["schemas"]["ChecklistItem"][];
        };
        ChecklistTemplateRow: components["schemas"]["Record"] & {
            /** @description The family all versions share. */
            key: string;
            name: string;
            /**
             * Format: int64
             * @description The template's version number; also the lock PUT and PATCH send back.
             */
            version: number;
            description: string;
            builtin: boolean;
            /** Format: int64 */
            created_by_id: number | null;
            created_by_name: string;
            archived_at: components["schemas"]["NullableTimestamp"];
            section_count: number;
            item_count: number;
            critical_count: number;
            /** @description An inspection uses this version; replacing its content creates the next version. */
            in_use: boolean;
            /**
             * Format: int64
             * @description The id of the newest version of the key.
             */
            latest_id: number;
            /** Format: int64 */
            latest_version: number;
        };
        ChecklistTemplate: components["schemas"]["ChecklistTemplateRow"] & {
            sections: components["schemas"]["ChecklistSection"][];
        };
        ChecklistTemplateList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["ChecklistTemplateRow"][];
        };
        ChecklistItemWrite: {
            question: string;
            guidance?: string;
            requirement?: string;
            /** @default 1 */
            weight?: number;
            /** @description Defaults to yes_no. A text item cannot be critical. */
            answer_type?: components["schemas"]["AnswerType"];
            /** @default false */
            na_allowed?: boolean;
            /** @default false */
            critical?: boolean;
            /** @description The category of a finding raised from the item; defaults to quality. */
            category?: components["schemas"]["FindingCategory"];
        };
        ChecklistTemplateContent: {
            name: string;
            description?: string;
            /** @description At most 500 items in all. */
            sections: {
                title: string;
                items: components["schemas"]["ChecklistItemWrite"][];
            }[];
        };
        ChecklistTemplateReplace: components["schemas"]["ChecklistTemplateContent"] & {
            /** Format: int64 */
            version: number;
        };
        ChecklistTemplateArchive: {
            /** Format: int64 */
            version: number;
            archived: boolean;
        };
        ChecklistAdd: {
            /** Format: int64 */
            template_id: number;
        };
        ChecklistAnswerWrite: {
            /**
             * Format: int64
             * @description The version of the answer read; 0 when there was none.
             * @default 0
             */
            version?: number;
            /**
             * @description For yes_no items.
             * @enum {string}
             */
            answer?: "yes" | "no";
            /** @description For rating_1_5 items. */
            rating?: number | null;
            /** @description For text items. */
            text?: string;
            /** @description Only where the item's na_allowed; then no answer. */
            not_applicable?: boolean;
            note?: string;
            /** @description Attachments of this inspection (photos). */
            attachment_ids?: number[];
            /**
             * Format: date-time
             * @description When the inspector gave the answer, for one sent later (inspection mode queues answers offline). The supplier's self-assessment it is compared with is the one that applied then; a time after now is now. Omitted, it is now.
             */
            answered_at?: string;
        };
        ChecklistAttachmentRef: {
            /** Format: int64 */
            id: number;
            file_name: string;
            content_type: string;
            /** Format: int64 */
            size: number;
        };
        ChecklistAnswer: components["schemas"]["Record"] & {
            /** Format: int64 */
            inspection_checklist_id: number;
            /** Format: int64 */
            item_id: number;
            /** @enum {string} */
            answer: "yes" | "no" | "";
            rating: number | null;
            text: string;
            not_applicable: boolean;
            note: string;
            attachment_ids: number[];
            /** @description The referenced photos that still exist. */
            attachments: components["schemas"]["ChecklistAttachmentRef"][];
            /**
             * Format: int64
             * @description The finding raised from this answer.
             */
            finding_id: number | null;
            /** Format: int64 */
            answered_by_id: number | null;
            answered_by_name: string;
            answered_at: components["schemas"]["Timestamp"];
            /** @description Answered no, or rated 2 or lower. */
            failed: boolean;
            /** Format: int64 */
            version: number;
        };
        ChecklistScore: {
            /** @description Weighted compliance of the answered, applicable, scored items (yes 1, no 0, rating r (r-1)/4); null while none. */
            score: number | null;
            /** @description Items answered, N/A included. */
            answered: number;
            total: number;
            failed_critical: number;
        };
        InspectionChecklist: components["schemas"]["ChecklistScore"] & {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            inspection_id: number;
            template: {
                /** Format: int64 */
                id: number;
                key: string;
                name: string;
                /**
                 * Format: int64
                 * @description The version the inspection uses.
                 */
                version: number;
                /** Format: int64 */
                latest_version: number;
            };
            /** Format: int64 */
            added_by_id: number | null;
            added_by_name: string;
            created_at: components["schemas"]["Timestamp"];
            /**
             * @description The site's self-assessment questionnaire the answers are compared
             *     with: the one most recently submitted (submitted or accepted) of
             *     the same template key, any version; for a performed inspection,
             *     submitted by the day it was performed. Null when none applies.
             */
            self_assessment: components["schemas"]["ChecklistAssessmentRef"] | null;
            sections: {
                /** Format: int64 */
                id: number;
                number: number;
                title: string;
                items: (components["schemas"]["ChecklistItem"] & {
                    /** @description The inspector's answer. */
                    answer: components["schemas"]["ChecklistAnswer"] | null;
                    /** @description The supplier's answer in the questionnaire of `self_assessment`, read-only; null when it did not answer this question. */
                    supplier_answer: components["schemas"]["SupplierStatedAnswer"] | null;
                    /** @description The inspector's answer contradicts the supplier's: yes against no, ratings 2 or more apart, N/A against an answer. Text items never do. */
                    contradicts: boolean;
                })[];
            }[];
        };
        InspectionChecklists: components["schemas"]["ChecklistScore"] & {
            /** Format: int64 */
            inspection_id: number;
            inspection_status: components["schemas"]["InspectionStatus"];
            recorded_result: components["schemas"]["InspectionResultOrNone"];
            result_override_reason: string;
            /** @description Why critical items were left unanswered when it was completed. */
            unanswered_reason: string;
            /**
             * @description fail: a critical item failed or a critical finding is open;
             *     conditional: a major finding is open or the score is under
             *     80; pass: otherwise, once there is a score; "" before that.
             *     The score counts only answered items: while some are
             *     unanswered, the last reason says how many.
             */
            suggested_result: components["schemas"]["InspectionResultOrNone"];
            /** @description Every rule that applies, worst first, in words. */
            reasons: string[];
            open_findings: {
                critical: number;
                major: number;
            };
            /** @description The items nobody has answered yet, in checklist order; completing names them. */
            unanswered: components["schemas"]["UnansweredItem"][];
            checklists: components["schemas"]["InspectionChecklist"][];
            /** @description The items where the inspector's answer contradicts the supplier's self-assessment, in checklist order. */
            contradictions: components["schemas"]["Contradiction"][];
        };
        ChecklistAssessmentRef: {
            /** Format: int64 */
            id: number;
            /** @enum {string} */
            status: "submitted" | "accepted";
            /** Format: date-time */
            submitted_at: string | null;
            /**
             * Format: int64
             * @description The template version answered; when it differs from the checklist's, items match by question text and answer type.
             */
            template_version: number;
        };
        SupplierStatedAnswer: {
            /** Format: int64 */
            self_assessment_id: number;
            /**
             * Format: int64
             * @description The questionnaire's item (of another template version when the versions differ).
             */
            item_id: number;
            /** @enum {string} */
            answer: "yes" | "no" | "";
            rating: number | null;
            text: string;
            not_applicable: boolean;
            note: string;
            /** @description Evidence files the supplier attached to the answer. */
            evidence_count: number;
            answered_at: components["schemas"]["Timestamp"];
        };
        Contradiction: {
            /** Format: int64 */
            checklist_id: number;
            /** Format: int64 */
            item_id: number;
            number: string;
            question: string;
            critical: boolean;
            /** Format: int64 */
            self_assessment_id: number;
            /**
             * @description In words: yes, no, rated 4 of 5, N/A.
             * @example yes
             */
            supplier_answer: string;
            /** @example no */
            inspector_answer: string;
            /**
             * Format: int64
             * @description The finding raised from the item; on a critical item, the one raised for review when the contradicting answer was recorded.
             */
            finding_id: number | null;
        };
        UnansweredItem: {
            /** Format: int64 */
            checklist_id: number;
            /** Format: int64 */
            item_id: number;
            number: string;
            question: string;
            critical: boolean;
        };
        FindingFromItem: {
            severity?: components["schemas"]["Severity"];
            category?: components["schemas"]["FindingCategory"];
            owner?: string;
            due_date?: components["schemas"]["NullableDate"];
            corrective_action?: string;
            /** @description Replaces the description drawn from the question, answer and note when not blank. */
            description?: string;
            /** @description Replaces the item's requirement reference when not blank. */
            requirement?: string;
        };
        /**
         * @description `supplier_answer`: a supplier's answer to a corrective-action stage, or a questionnaire it submitted, waits for the buyer's review; `answer_due`: a stage or a questionnaire the supplier must answer is due in two days or late (suppliers hear of this kind only).
         * @enum {string}
         */
        ReminderKind: "certificate_expiry" | "inspection_due" | "finding_overdue" | "conditional_ending" | "supplier_answer" | "answer_due";
        /**
         * @description `email`: the daily e-mail digest and in the app; `in_app`: in the app only; `off`: not at all.
         * @enum {string}
         */
        NotificationChannel: "email" | "in_app" | "off";
        Notification: {
            /** Format: int64 */
            id: number;
            kind: components["schemas"]["ReminderKind"];
            /**
             * @description `certification` for certificate_expiry, `site` for inspection_due and conditional_ending, `finding` for finding_overdue, `corrective_action` or `self_assessment` for supplier_answer and answer_due.
             * @enum {string}
             */
            entity_type: "certification" | "site" | "finding" | "corrective_action";
            /** Format: int64 */
            entity_id: number;
            /** @example ISO 9001:2015 certificate of ACME-SZ1 expires in 30 days */
            title: string;
            /** @description Plain text; escape it when rendering. */
            body: string;
            /**
             * @description The record's path in the web app: /certifications/{id}, /sites/{id}, /findings/{id}, or /supplier/requests/{id} in the supplier portal.
             * @example /certifications/5
             */
            link: string;
            /**
             * Format: date
             * @description The date the reminder is about (expiry, due date, end of the conditional approval).
             */
            due_date: string | null;
            /** Format: date-time */
            read_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        NotificationList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["Notification"][];
        };
        /**
         * @example {
         *       "preferences": {
         *         "certificate_expiry": "email",
         *         "inspection_due": "email",
         *         "finding_overdue": "in_app",
         *         "conditional_ending": "off",
         *         "supplier_answer": "email"
         *       },
         *       "defaults": {
         *         "certificate_expiry": "email",
         *         "inspection_due": "email",
         *         "finding_overdue": "email",
         *         "conditional_ending": "email",
         *         "supplier_answer": "email"
         *       },
         *       "email_available": true
         *     }
         */
        NotificationPreferences: {
            /** @description The effective channel of every kind the user's role hears of: `answer_due` alone for a supplier, every other kind for the other roles. */
            preferences: {
                certificate_expiry?: components["schemas"]["NotificationChannel"];
                inspection_due?: components["schemas"]["NotificationChannel"];
                finding_overdue?: components["schemas"]["NotificationChannel"];
                conditional_ending?: components["schemas"]["NotificationChannel"];
                supplier_answer?: components["schemas"]["NotificationChannel"];
                answer_due?: components["schemas"]["NotificationChannel"];
            };
            /** @description The role's channels, followed for kinds the user never chose: `email` for admin, manager, procurement and suppliers, `off` for auditors. */
            defaults: {
                certificate_expiry?: components["schemas"]["NotificationChannel"];
                inspection_due?: components["schemas"]["NotificationChannel"];
                finding_overdue?: components["schemas"]["NotificationChannel"];
                conditional_ending?: components["schemas"]["NotificationChannel"];
                supplier_answer?: components["schemas"]["NotificationChannel"];
                answer_due?: components["schemas"]["NotificationChannel"];
            };
            /** @description false when the server has no SMTP server; `email` reminders then appear in the app only. */
            email_available: boolean;
        };
        CalendarTokenStatus: {
            exists: boolean;
            /** Format: date-time */
            created_at: string | null;
            /**
             * Format: date-time
             * @description When a calendar app last read the feed (noted at most hourly).
             */
            last_used_at: string | null;
        };
        /** @enum {string} */
        Component: "bios" | "bmc" | "cpld" | "nic" | "other";
        /** @description 64 lower-case hexadecimal characters. */
        SHA256: string;
        Product: components["schemas"]["Record"] & {
            part_number: string;
            revision: string;
            name: string;
            notes: string;
            /** Format: int64 */
            version: number;
        };
        ProductRow: components["schemas"]["Product"] & {
            /**
             * Format: int64
             * @description Sites (in the reader's scope) that build the product.
             */
            site_count: number;
        };
        ProductList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["ProductRow"][];
        };
        ProductCreate: {
            part_number: string;
            revision?: string;
            name: string;
            notes?: string;
        };
        ProductUpdate: {
            /** Format: int64 */
            version: number;
            part_number?: string;
            revision?: string;
            name?: string;
            notes?: string;
        };
        ProductDetail: components["schemas"]["Product"] & {
            /** @description Newest first. */
            firmware_releases: components["schemas"]["FirmwareRelease"][];
            /** @description The current one first. */
            bom_revisions: components["schemas"]["BOMRevision"][];
            sites: {
                /** Format: int64 */
                site_product_id: number;
                /** Format: int64 */
                site_id: number;
                site_code: string;
                site_name: string;
            }[];
        };
        FirmwareRelease: components["schemas"]["Record"] & {
            /** Format: int64 */
            product_id: number;
            component: components["schemas"]["Component"];
            firmware_version: string;
            sha256: components["schemas"]["SHA256"];
            /** @description Who signed the image. */
            signer: string;
            /** @description The signing key's id. */
            key_id: string;
            released_on: components["schemas"]["Date"];
            notes: string;
            /** Format: int64 */
            supersedes_id: number | null;
            /** Format: int64 */
            superseded_by_id: number | null;
            /** @enum {string} */
            status: "pending" | "approved";
            /** Format: int64 */
            recorded_by_id: number | null;
            /** Format: int64 */
            approved_by_id: number | null;
            approved_at: components["schemas"]["NullableTimestamp"];
            /** @description Derived. */
            superseded_by_version: string;
            /** @description Approved and superseded by nothing. */
            current: boolean;
            /** @description Derived. */
            recorded_by_name: string;
            signature: components["schemas"]["NullableSignature"];
        };
        FirmwareReleaseCreate: {
            component: components["schemas"]["Component"];
            firmware_version: string;
            /** @description The image's SHA-256, or a `sha256sum` line ("<hash>  file"). */
            sha256: string;
            signer?: string;
            key_id?: string;
            released_on: components["schemas"]["Date"];
            notes?: string;
            /** Format: int64 */
            supersedes_id?: number | null;
        };
        SignedApproval: {
            signature: components["schemas"]["SignatureRequest"];
        };
        VersionOnly: {
            /** Format: int64 */
            version: number;
        };
        BOMRevision: components["schemas"]["Record"] & {
            /** Format: int64 */
            product_id: number;
            bom_revision: string;
            avl_revision: string;
            effective_on: components["schemas"]["Date"];
            notes: string;
            /** Format: int64 */
            recorded_by_id: number | null;
        };
        BOMRevisionCreate: {
            bom_revision: string;
            avl_revision: string;
            effective_on: components["schemas"]["Date"];
            notes?: string;
        };
        SiteProduct: components["schemas"]["Record"] & {
            /** Format: int64 */
            site_id: number;
            /** Format: int64 */
            product_id: number;
            processes: string[];
            /** @description The golden sample's serial number. */
            golden_serial: string;
            /** @description Its tamper seal's number. */
            golden_seal_number: string;
            golden_custodian: string;
            /** @description Where it is stored. */
            golden_location: string;
            golden_sealed_on: components["schemas"]["NullableDate"];
            /** @description Photos, as attachments of the site. */
            golden_photo_ids: number[];
            /** Format: int64 */
            version: number;
        };
        SiteProductCreate: {
            /** Format: int64 */
            product_id: number;
            processes?: string[];
            golden_serial?: string;
            golden_seal_number?: string;
            golden_custodian?: string;
            golden_location?: string;
            /** @description Required with a golden sample; not in the future. */
            golden_sealed_on?: components["schemas"]["NullableDate"];
            golden_photo_ids?: number[];
        };
        SiteProductUpdate: {
            /** Format: int64 */
            version: number;
            processes?: string[];
            golden_serial?: string;
            golden_seal_number?: string;
            golden_custodian?: string;
            golden_location?: string;
            golden_sealed_on?: components["schemas"]["NullableDate"];
            golden_photo_ids?: number[];
        };
        /** @enum {string} */
        ObservationKind: "firmware" | "golden_sample" | "bom" | "avl" | "aoi";
        IntegrityObservation: components["schemas"]["Record"] & {
            /** Format: int64 */
            inspection_id: number;
            /** Format: int64 */
            site_id: number;
            /** Format: int64 */
            product_id: number;
            /** Format: int64 */
            site_product_id: number;
            kind: components["schemas"]["ObservationKind"];
            /** @enum {string} */
            component: "bios" | "bmc" | "cpld" | "nic" | "other" | "";
            firmware_version: string;
            sha256: string;
            serial_number: string;
            seal_number: string;
            /** @enum {string} */
            seal_state: "intact" | "broken" | "missing" | "";
            /** @description The BOM or AVL revision in use on the line. */
            revision: string;
            /** @enum {string} */
            aoi_result: "match" | "mismatch" | "";
            note: string;
            photo_ids: number[];
            observed_on: components["schemas"]["Date"];
            /** @description The comparison with the baseline when it was recorded. */
            matches: boolean;
            /**
             * @description The severity of the mismatch ("" when it matches).
             * @enum {string}
             */
            severity: "critical" | "major" | "";
            /** @description What differs, in words. */
            problem: string;
            /**
             * Format: int64
             * @description The release whose image the hash is.
             */
            release_id: number | null;
            /**
             * Format: int64
             * @description The finding the mismatch raised.
             */
            finding_id: number | null;
            /** @description The newest observation of this value of the product at the site. */
            latest: boolean;
            /** Format: int64 */
            recorded_by_id: number | null;
        };
        /**
         * @description firmware: component and sha256 (a hash or a `sha256sum` line,
         *     any case); golden_sample: seal_state, and seal_number when intact;
         *     bom and avl: revision; aoi: aoi_result.
         */
        ObservationCreate: {
            kind: components["schemas"]["ObservationKind"];
            component?: components["schemas"]["Component"];
            firmware_version?: string;
            sha256?: string;
            serial_number?: string;
            seal_number?: string;
            /** @enum {string} */
            seal_state?: "intact" | "broken" | "missing";
            revision?: string;
            /** @enum {string} */
            aoi_result?: "match" | "mismatch";
            note?: string;
            /** @description Photos, as attachments of the inspection. */
            photo_ids?: number[];
        };
        ObservationsCreate: {
            /** Format: int64 */
            product_id: number;
            observations: components["schemas"]["ObservationCreate"][];
        };
        RecordedObservations: {
            observations: components["schemas"]["IntegrityObservation"][];
            /** @description The findings the mismatches raised. */
            findings: components["schemas"]["Finding"][];
        };
        ExpectedFirmware: {
            component: components["schemas"]["Component"];
            firmware_version: string;
            sha256: components["schemas"]["SHA256"];
            /** Format: int64 */
            release_id: number;
        };
        DriftItem: {
            kind: components["schemas"]["ObservationKind"];
            /** @enum {string} */
            component: "bios" | "bmc" | "cpld" | "nic" | "other" | "";
            expected: string;
            observed: string;
            observed_on: components["schemas"]["NullableDate"];
            /** @enum {string} */
            severity: "critical" | "major";
            problem: string;
            /** @description Not observed since the site's interval began (or never). */
            stale: boolean;
        };
        SiteProductIntegrity: {
            site_product: components["schemas"]["SiteProduct"];
            part_number: string;
            revision: string;
            product_name: string;
            expected_firmware: components["schemas"]["ExpectedFirmware"][];
            /** @description The current BOM revision ("" when none). */
            bom_revision: string;
            avl_revision: string;
            latest: components["schemas"]["IntegrityObservation"][];
            drift: components["schemas"]["DriftItem"][];
            /** @description Every observation, newest first (at most 200). */
            history: components["schemas"]["IntegrityObservation"][];
        };
        SiteIntegrity: {
            /** Format: int64 */
            site_id: number;
            site_code: string;
            site_name: string;
            observed_since: components["schemas"]["Date"];
            products: components["schemas"]["SiteProductIntegrity"][];
            sources: components["schemas"]["ComponentSource"][];
            /** @description Sources not authorised by the original manufacturer with no accepted justification. */
            unjustified_sources: number;
        };
        InspectionIntegrity: {
            /** Format: int64 */
            inspection_id: number;
            /** Format: int64 */
            site_id: number;
            editable: boolean;
            products: {
                /** Format: int64 */
                site_product_id: number;
                /** Format: int64 */
                product_id: number;
                part_number: string;
                revision: string;
                product_name: string;
                expected_firmware: components["schemas"]["ExpectedFirmware"][];
                golden_serial: string;
                golden_seal_number: string;
                bom_revision: string;
                avl_revision: string;
                observations: components["schemas"]["IntegrityObservation"][];
            }[];
        };
        DriftRow: {
            /** Format: int64 */
            site_product_id: number;
            /** Format: int64 */
            site_id: number;
            site_code: string;
            site_name: string;
            /** Format: int64 */
            manufacturer_id: number;
            manufacturer: string;
            risk_tier: components["schemas"]["RiskTier"];
            /** Format: int64 */
            product_id: number;
            part_number: string;
            revision: string;
            product_name: string;
            observed_since: components["schemas"]["Date"];
            items: components["schemas"]["DriftItem"][];
        };
        DriftList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["DriftRow"][];
            /** @description Products at active sites that were checked. */
            site_products: number;
        };
        ComponentSource: components["schemas"]["Record"] & {
            /** Format: int64 */
            site_id: number;
            name: string;
            /** @enum {string} */
            source_type: "manufacturer" | "authorised_distributor" | "independent_distributor" | "broker";
            component_families: string[];
            /** @description Authorised by the original component manufacturer. */
            authorised: boolean;
            /** @example SAE AS6081 */
            certification_standard: string;
            certificate_number: string;
            certificate_expires_on: components["schemas"]["NullableDate"];
            justification: string;
            /** Format: int64 */
            justification_accepted_by_id: number | null;
            justification_accepted_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            /**
             * @description Derived like a certification's status.
             * @enum {string}
             */
            certificate_status: "valid" | "expiring" | "expired" | "";
            justification_accepted_by_name: string;
            /** @description Not authorised and no justification accepted. */
            flagged: boolean;
        };
        ComponentSourceCreate: {
            name: string;
            /** @enum {string} */
            source_type: "manufacturer" | "authorised_distributor" | "independent_distributor" | "broker";
            component_families?: string[];
            authorised?: boolean;
            /** @description Required with certificate_expires_on. */
            certification_standard?: string;
            certificate_number?: string;
            /** @description Required with certificate_number. With it the source holds a certification, listed with the site's (`component_source_id`). */
            certificate_expires_on?: components["schemas"]["NullableDate"];
            justification?: string;
        };
        ComponentSourceUpdate: {
            /** Format: int64 */
            version: number;
            name?: string;
            /** @enum {string} */
            source_type?: "manufacturer" | "authorised_distributor" | "independent_distributor" | "broker";
            component_families?: string[];
            authorised?: boolean;
            /** @description Required with certificate_expires_on. */
            certification_standard?: string;
            certificate_number?: string;
            /** @description Required with certificate_number. With it the source holds a certification, listed with the site's (`component_source_id`). */
            certificate_expires_on?: components["schemas"]["NullableDate"];
            justification?: string;
        };
        PartIncident: components["schemas"]["Record"] & {
            part_number: string;
            component_family: string;
            lot_codes: string;
            date_codes: string;
            source_name: string;
            how_found: string;
            gidep_reference: string;
            erai_reference: string;
            /** @enum {string} */
            status: "open" | "investigating" | "closed";
            reported_on: components["schemas"]["Date"];
            /** Format: int64 */
            version: number;
        };
        PartIncidentList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["PartIncident"][];
        };
        PartIncidentDetail: components["schemas"]["PartIncident"] & {
            blast_radius: {
                /** Format: int64 */
                site_id: number;
                site_code: string;
                site_name: string;
                manufacturer: string;
                /** Format: int64 */
                source_id: number;
                source_name: string;
                authorised: boolean;
                component_families: string;
                /** @enum {string} */
                reason: "same_source" | "same_family";
                /** Format: int64 */
                product_id: number | null;
                part_number: string;
                product_name: string;
            }[];
        };
        PartIncidentCreate: {
            part_number: string;
            component_family?: string;
            lot_codes?: string;
            date_codes?: string;
            source_name: string;
            how_found?: string;
            gidep_reference?: string;
            erai_reference?: string;
            /**
             * @default open
             * @enum {string}
             */
            status?: "open" | "investigating" | "closed";
            reported_on: components["schemas"]["Date"];
        };
        PartIncidentUpdate: {
            /** Format: int64 */
            version: number;
            part_number?: string;
            component_family?: string;
            lot_codes?: string;
            date_codes?: string;
            source_name?: string;
            how_found?: string;
            gidep_reference?: string;
            erai_reference?: string;
            /** @enum {string} */
            status?: "open" | "investigating" | "closed";
            reported_on?: components["schemas"]["Date"];
        };
        SupplierInvite: {
            /** Format: email */
            email: string;
            name: string;
            /**
             * Format: int64
             * @description The manufacturer the person works for; the account sees only its records.
             */
            manufacturer_id: number;
            /** @description Only these of the manufacturer's sites; null or [] for all of them. */
            site_ids?: number[] | null;
            /** @description The login stops working at this time; must be in the future. */
            access_expires_at?: components["schemas"]["NullableTimestamp"];
            /**
             * @description The invitation's language. Its e-mail (when SMTP is configured) is written in it, and the account's e-mails and portal speak it until the person chooses; "" or absent writes the e-mail in English and lets the portal follow the browser.
             * @enum {string}
             */
            language?: "" | "en" | "zh-CN";
        };
        SupplierInvitation: {
            user: components["schemas"]["User"];
            /** @description The link that sets the password (works once, until invitation_expires_at); null when it was e-mailed to the person. */
            invitation_url: string | null;
            /** Format: date-time */
            invitation_expires_at: string;
            emailed: boolean;
        };
        SupplierHome: {
            manufacturer: {
                /** Format: int64 */
                id: number;
                name: string;
                country: string;
            };
            sites: components["schemas"]["SupplierSite"][];
        };
        /** @description A site as its supplier sees it; no notes, contacts, risk tier or internal figures. */
        SupplierSite: {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            manufacturer_id: number;
            code: string;
            name: string;
            address: string;
            city: string;
            country: string;
            processes: string[];
            approved_scope: string;
            qualification_status: components["schemas"]["QualificationStatus"];
            conditional_until: components["schemas"]["NullableDate"];
            next_planned_date: components["schemas"]["NullableDate"];
        };
        SupplierCertification: {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            site_id: number;
            site_code: string;
            standard: string;
            certificate_number: string;
            issuing_body: string;
            scope: string;
            issued_on: components["schemas"]["NullableDate"];
            expires_on: components["schemas"]["NullableDate"];
            withdrawn: boolean;
            status: components["schemas"]["CertificationStatus"];
        };
        /** @enum {string} */
        CAStage: "d3" | "d4" | "d5" | "d7" | "d8";
        /** @enum {string} */
        CAStageStatus: "open" | "submitted" | "returned" | "accepted";
        /** @enum {string} */
        CAStatus: "open" | "closed";
        /**
         * @description How the root cause was found (D4 only; empty for other stages).
         * @enum {string}
         */
        RootCauseMethod: "" | "five_why" | "fishbone" | "free";
        /**
         * @description How effectiveness was verified (empty until D8).
         * @enum {string}
         */
        VerificationMethod: "" | "next_inspection" | "on_site_check" | "document_review" | "data_review";
        CorrectiveActionFile: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            corrective_action_id: number;
            stage: components["schemas"]["CAStage"];
            file_name: string;
            content_type: string;
            /** Format: int64 */
            size: number;
            sha256: string;
            /** Format: int64 */
            uploaded_by_id: number;
            uploaded_at: components["schemas"]["Timestamp"];
        };
        /** @description The receipt of a supplier submission; `qualtrack audit verify --head FILE` accepts it saved as JSON. */
        CorrectiveActionReceipt: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            corrective_action_id: number;
            stage: components["schemas"]["CAStage"];
            /** Format: int64 */
            user_id: number;
            /**
             * Format: int64
             * @description The audit event that recorded the submission.
             */
            sequence: number;
            /** @description That event's hash: the receipt. */
            hash: string;
        };
        CorrectiveActionStage: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            corrective_action_id: number;
            stage: components["schemas"]["CAStage"];
            name: string;
            status: components["schemas"]["CAStageStatus"];
            due_date: components["schemas"]["NullableDate"];
            overdue: boolean;
            text: string;
            detail: string;
            method: components["schemas"]["RootCauseMethod"];
            submitted_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            submitted_by_id: number | null;
            submissions: number;
            reviewed_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            reviewed_by_id: number | null;
            return_reason: string;
            files: components["schemas"]["CorrectiveActionFile"][];
        };
        CorrectiveAction: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            finding_id: number;
            /** Format: int64 */
            site_id: number;
            /** Format: int64 */
            manufacturer_id: number;
            status: components["schemas"]["CAStatus"];
            current_stage: components["schemas"]["CAStage"];
            request: string;
            /** @description The buyer's own note; never shown to the supplier. */
            internal_note: string;
            /** Format: int64 */
            issued_by_id: number;
            issued_at: components["schemas"]["Timestamp"];
            next_due: components["schemas"]["NullableDate"];
            first_response_at: components["schemas"]["NullableTimestamp"];
            rework_count: number;
            verification_method: components["schemas"]["VerificationMethod"];
            verification_note: string;
            verification_reference: string;
            /** Format: int64 */
            verified_by_id: number | null;
            verified_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            site_code: string;
            manufacturer_name: string;
            finding_severity: components["schemas"]["Severity"];
            finding_category: components["schemas"]["FindingCategory"];
            finding_requirement: string;
            finding_description: string;
            finding_status: components["schemas"]["FindingStatus"];
            issued_by_name: string;
            verified_by_name: string;
            overdue: boolean;
            stages: components["schemas"]["CorrectiveActionStage"][];
            receipts: components["schemas"]["CorrectiveActionReceipt"][];
        };
        CorrectiveActionRow: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            finding_id: number;
            /** Format: int64 */
            site_id: number;
            /** Format: int64 */
            manufacturer_id: number;
            status: components["schemas"]["CAStatus"];
            current_stage: components["schemas"]["CAStage"];
            request: string;
            /** @description The buyer's own note; never shown to the supplier. */
            internal_note: string;
            /** Format: int64 */
            issued_by_id: number;
            issued_at: components["schemas"]["Timestamp"];
            next_due: components["schemas"]["NullableDate"];
            first_response_at: components["schemas"]["NullableTimestamp"];
            rework_count: number;
            verification_method: components["schemas"]["VerificationMethod"];
            verification_note: string;
            verification_reference: string;
            /** Format: int64 */
            verified_by_id: number | null;
            verified_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            site_code: string;
            manufacturer_name: string;
            finding_severity: components["schemas"]["Severity"];
            finding_description: string;
            overdue: boolean;
        };
        /**
         * @description `open`: the supplier answers (drafts saved); `submitted`: waiting for the buyer's review; `returned`: items returned for rework; `accepted`: final.
         * @enum {string}
         */
        AssessmentStatus: "open" | "submitted" | "returned" | "accepted";
        SelfAssessmentRow: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            manufacturer_id: number;
            /** Format: int64 */
            site_id: number;
            /**
             * Format: int64
             * @description The template version answered.
             */
            template_id: number;
            status: components["schemas"]["AssessmentStatus"];
            message: string;
            due_date: components["schemas"]["Date"];
            /** Format: int64 */
            sent_by_id: number;
            sent_at: components["schemas"]["Timestamp"];
            submitted_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            submitted_by_id: number | null;
            submissions: number;
            reviewed_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            reviewed_by_id: number | null;
            review_comment: string;
            /** @description How many times items were returned. */
            rework_count: number;
            /**
             * Format: int64
             * @description Moves on with every save, submission and review.
             */
            version: number;
            site_code: string;
            site_name: string;
            manufacturer_name: string;
            template_name: string;
            /** Format: int64 */
            template_version: number;
            /** @description Items answered (a draft holding only a note or evidence does not count). */
            answered: number;
            total: number;
            /** @description Waiting for the supplier past the due date. */
            overdue: boolean;
        };
        SelfAssessmentList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["SelfAssessmentRow"][];
        };
        SelfAssessmentAnswer: components["schemas"]["Record"] & {
            /** Format: int64 */
            self_assessment_id: number;
            /** Format: int64 */
            item_id: number;
            /** @enum {string} */
            answer: "yes" | "no" | "";
            rating: number | null;
            text: string;
            not_applicable: boolean;
            note: string;
            attachment_ids: number[];
            /** Format: int64 */
            answered_by_id: number | null;
            answered_at: components["schemas"]["Timestamp"];
            /** @description The buyer's comment when the item was returned for rework; empty otherwise. */
            return_comment: string;
            /** @description The answer was changed since the item was returned. */
            reworked: boolean;
            answered_by_name: string;
            /** @description The answer answers the item (not only a note or evidence so far). */
            given: boolean;
        };
        SelfAssessmentItem: components["schemas"]["ChecklistItem"] & {
            answer: components["schemas"]["SelfAssessmentAnswer"] | null;
        };
        SelfAssessment: components["schemas"]["SelfAssessmentRow"] & {
            sent_by_name: string;
            submitted_by_name: string;
            reviewed_by_name: string;
            sections: {
                /** Format: int64 */
                id: number;
                number: number;
                title: string;
                items: components["schemas"]["SelfAssessmentItem"][];
            }[];
            /** @description The evidence files uploaded to the questionnaire. */
            files: components["schemas"]["Attachment"][];
            /** @description One per submission, oldest first: the audit event (`self_assessment.submit`) that recorded every answer as stated and the evidence files' SHA-256. The supplier checks one with `GET /supplier/receipts/{sequence}/verify`, or saved as JSON with `qualtrack audit verify --head`. */
            receipts: components["schemas"]["AssessmentReceipt"][];
        };
        AssessmentReceipt: {
            /** @description Which submission (1 is the first). */
            submission: number;
            /**
             * Format: int64
             * @description The audit event that recorded the submission.
             */
            sequence: number;
            /** @description That event's hash: the receipt. */
            hash: string;
            submitted_at: components["schemas"]["Timestamp"];
        };
        CorrectiveActionList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["CorrectiveActionRow"][];
        };
        /** @description A request as its supplier reads it, without the buyer's internal note. */
        SupplierCorrectiveAction: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            finding_id: number;
            /** Format: int64 */
            site_id: number;
            site_code: string;
            status: components["schemas"]["CAStatus"];
            current_stage: components["schemas"]["CAStage"];
            request: string;
            issued_by_name: string;
            issued_at: components["schemas"]["Timestamp"];
            next_due: components["schemas"]["NullableDate"];
            overdue: boolean;
            rework_count: number;
            finding_severity: components["schemas"]["Severity"];
            finding_category: components["schemas"]["FindingCategory"];
            finding_requirement: string;
            finding_description: string;
            verification_method: components["schemas"]["VerificationMethod"];
            verification_note: string;
            verification_reference: string;
            verified_at: components["schemas"]["NullableTimestamp"];
            stages: components["schemas"]["CorrectiveActionStage"][];
            receipts: components["schemas"]["CorrectiveActionReceipt"][];
        };
        SupplierCorrectiveActionRow: {
            /** Format: int64 */
            id: number;
            /** Format: int64 */
            finding_id: number;
            /** Format: int64 */
            site_id: number;
            site_code: string;
            status: components["schemas"]["CAStatus"];
            current_stage: components["schemas"]["CAStage"];
            issued_at: components["schemas"]["Timestamp"];
            next_due: components["schemas"]["NullableDate"];
            overdue: boolean;
            finding_severity: components["schemas"]["Severity"];
            finding_description: string;
        };
        SupplierCorrectiveActionList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["SupplierCorrectiveActionRow"][];
        };
        ReceiptCheck: {
            valid: boolean;
            /** Format: int64 */
            events: number;
            /** Format: int64 */
            first_invalid_sequence?: number;
            reason?: string;
            head_hash?: string;
            /** Format: int64 */
            sequence: number;
            hash: string;
        };
        /** @enum {string} */
        ChangeKind: "process" | "equipment" | "location" | "sub_tier_source" | "material" | "firmware_toolchain" | "key_personnel";
        /** @enum {string} */
        ChangeStatus: "pending" | "approved" | "approved_with_conditions" | "rejected";
        ChangeNotification: {
            /** Format: int64 */
            id: number;
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            manufacturer_id: number;
            manufacturer_name: string;
            kind: components["schemas"]["ChangeKind"];
            title: string;
            description: string;
            planned_date: components["schemas"]["NullableDate"];
            status: components["schemas"]["ChangeStatus"];
            conditions: string;
            decision_reason: string;
            requires_inspection: boolean;
            /**
             * Format: int64
             * @description The for-cause inspection planned with the approval (the first site's).
             */
            inspection_id: number | null;
            /** @description Recorded after the change was found on site without notice. */
            retroactive: boolean;
            /**
             * Format: int64
             * @description The unnotified_change finding of a retroactive notification.
             */
            finding_id: number | null;
            /** Format: int64 */
            submitted_by_id: number;
            submitted_by_name: string;
            submitted_at: components["schemas"]["Timestamp"];
            /** Format: int64 */
            decided_by_id: number | null;
            decided_by_name: string;
            decided_at: components["schemas"]["NullableTimestamp"];
            /** Format: int64 */
            version: number;
            sites: {
                /** Format: int64 */
                id: number;
                code: string;
                name: string;
            }[];
        };
        ChangeNotificationList: components["schemas"]["ListEnvelope"] & {
            items?: components["schemas"]["ChangeNotification"][];
        };
    };
    responses: {
        /** @description The file, with the type detected from its bytes, `nosniff` and `Content-Security-Policy: sandbox`. */
        StageFileContent: {
            headers: {
                /** @description `attachment` with `filename` and `filename*` (UTF-8). */
                "Content-Disposition"?: string;
                /** @description The quoted SHA-256 of the content. */
                ETag?: string;
                [name: string]: unknown;
            };
            content: {
                "*/*": string;
            };
        };
        /** @description Malformed request (`bad_request`) - not JSON, not an object, unknown fields or wrong types (named in `fields`). */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "bad_request",
                 *         "message": "Some fields could not be read.",
                 *         "fields": {
                 *           "score": "must be a whole number"
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Not signed in, or the session has ended (`unauthenticated`). */
        Unauthenticated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "unauthenticated",
                 *         "message": "Sign in to continue."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The role does not allow this, or a cookie-authenticated write lacks `X-Requested-With` or is cross-site (`forbidden`); or the session must first set up two-factor sign-in, which the administrator requires for the user's role (`totp_enrolment_required`, on every route but those `LoginResponse` lists). */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "forbidden",
                 *         "message": "Your role does not allow this."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The record does not exist (`not_found`). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "not_found",
                 *         "message": "The record was not found."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /**
         * @description `version_conflict` when the record changed since it was read (reload
         *     and apply the change again), or `conflict` when the change clashes
         *     with another record (a duplicate name, code or e-mail; a deletion
         *     that would lose history), with the field in `fields`.
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request body or file is larger than the limit (`too_large`). */
        TooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "too_large",
                 *         "message": "The request is larger than the limit of 1 MB."
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request is well-formed but not valid (`validation_failed`); `fields` says what is wrong with each field or parameter. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "error": {
                 *         "code": "validation_failed",
                 *         "message": "The site cannot be saved.",
                 *         "fields": {
                 *           "risk_tier": "Choose the risk tier: low, medium, high, critical."
                 *         }
                 *       }
                 *     }
                 */
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many failed sign-in attempts (`rate_limited`). */
        RateLimited: {
            headers: {
                /** @description Seconds to wait. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description One page of attachments. */
        AttachmentList: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["AttachmentList"];
            };
        };
        /** @description Attached. */
        AttachmentCreated: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Attachment"];
            };
        };
        /** @description An Excel workbook, streamed. The file name says what and when, e.g. `certifications-2026-11-26.xlsx`. Each export is recorded in the audit trail. */
        Spreadsheet: {
            headers: {
                /** @description `attachment; filename=<what>-<YYYY-MM-DD>.xlsx` */
                "Content-Disposition"?: string;
                [name: string]: unknown;
            };
            content: {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
        /** @description A dry run (with or without problems), or a real import that wrote every row. */
        ImportDone: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ImportResult"];
            };
        };
        /**
         * @description Nothing was imported: the file cannot be read as a workbook, has no
         *     usable sheet or too many rows, no file was sent, or (on a real
         *     import) rows have problems. The contract's `error` object sits beside
         *     the import answer, whose `errors` list says where.
         */
        ImportRejected: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ImportRejected"];
            };
        };
    };
    parameters: {
        ChangeNotificationSort: "created_at" | "-created_at" | "planned_date" | "-planned_date" | "status" | "-status";
        /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
        CAStagePath: components["schemas"]["CAStage"];
        SelfAssessmentSort: "due_date" | "-due_date" | "sent_at" | "-sent_at" | "updated_at" | "-updated_at" | "status" | "-status";
        CorrectiveActionSort: "next_due" | "-next_due" | "issued_at" | "-issued_at" | "updated_at" | "-updated_at" | "stage" | "-stage";
        /** @description The record's id. An id that is not a positive integer is 404. */
        Id: number;
        /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
        CSRFHeader: "qualtrack";
        /**
         * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
         *     When sent, a file whose received bytes have another hash is 422 on
         *     `file` and nothing is stored (the web app sends it for every photo
         *     queued on a tablet); a value that is not a SHA-256 is 400.
         */
        ContentSHA256: string;
        Page: number;
        /**
         * @description The `next` cursor of the previous page: this page holds the rows
         *     after that page's last one, in the same order (same `sort`), found
         *     through an index rather than by skipping the rows before it, so a
         *     deep page costs what the first does. Send it instead of `page`
         *     (both is 400), with the same `sort` and filters; a cursor that was
         *     not handed out by this list for this order (edited, of another
         *     list or another sort) is 400 `bad_request` naming `after`. Rows
         *     changed between pages move as their values did: none is shown
         *     twice and none skipped unless its sort value moved across the
         *     cursor.
         */
        After: string;
        PageSize: number;
        /**
         * @description `exact` counts every match for `total`. Left out, the count may
         *     stop twenty pages past this page (at least; rounded up to a
         *     thousand), and the answer says so with `total_exact: false`.
         */
        Count: "exact";
        UserSort: "name" | "-name" | "email" | "-email" | "role" | "-role" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "last_login_at" | "-last_login_at";
        ManufacturerSort: "name" | "-name" | "country" | "-country" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
        /** @description risk_tier and qualification_status sort in their natural order; manufacturer sorts by the manufacturer's name. */
        SiteSort: "code" | "-code" | "name" | "-name" | "country" | "-country" | "risk_tier" | "-risk_tier" | "qualification_status" | "-qualification_status" | "next_inspection_due" | "-next_inspection_due" | "updated_at" | "-updated_at" | "created_at" | "-created_at" | "manufacturer" | "-manufacturer";
        DecisionSort: "decided_at" | "-decided_at";
        /** @description date is the performed date, else the scheduled date; empty dates sort last. */
        InspectionSort: "date" | "-date" | "scheduled_date" | "-scheduled_date" | "performed_date" | "-performed_date" | "score" | "-score" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
        /** @description severity sorts worst first, status in lifecycle order; empty due dates sort last. */
        FindingSort: "due_date" | "-due_date" | "severity" | "-severity" | "status" | "-status" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
        CertificationSort: "expires_on" | "-expires_on" | "standard" | "-standard" | "issued_on" | "-issued_on" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
        AttachmentSort: "file_name" | "-file_name" | "content_type" | "-content_type" | "size" | "-size" | "uploaded_at" | "-uploaded_at" | "created_at" | "-created_at";
        /** @description occurred_at is an alias of sequence. */
        AuditSort: "sequence" | "-sequence" | "occurred_at" | "-occurred_at";
        /** @description Searches site code, name, city and manufacturer name. */
        SiteQ: string;
        SiteIDFilter: number;
        ManufacturerIDFilter: number;
        /**
         * @description One qualification status or several separated by commas (`qualified,conditional`).
         * @example qualified,conditional
         */
        SiteStatusFilter: string;
        RiskTierFilter: components["schemas"]["RiskTier"];
        /**
         * @description ISO 3166-1 alpha-2 code (a known English country name is accepted too).
         * @example CN
         */
        CountryFilter: string;
        /** @description true keeps sites whose inspection is overdue (due before today with no inspection planned by then); false keeps the others. */
        SiteOverdueFilter: boolean;
        /** @description Absent or false lists active records, true archived ones, all both. */
        ArchivedFilter: "false" | "true" | "all";
        /** @description true keeps the records of sites that are not archived, as the dashboard's figures count them. */
        ActiveSitesFilter: boolean;
        /** @description Keeps certificates not withdrawn that expire from today to today + N days. */
        ExpiringWithinDays: number;
        /** @description true checks the file and reports what would change, writing nothing. */
        DryRun: boolean;
        /** @description The id of the inspection's checklist (`checklists[].id`). */
        ChecklistId: number;
        /** @description The id of an item of the checklist's template version. */
        ChecklistItemId: number;
        ChecklistTemplateSort: "name" | "-name" | "created_at" | "-created_at" | "updated_at" | "-updated_at";
        NotificationSort: "created_at" | "-created_at" | "due_date" | "-due_date";
    };
    requestBodies: {
        /**
         * @description The file in the multipart field `file`. Its type is detected from its
         *     bytes and must be PDF, PNG, JPEG, GIF, WebP, plain text, CSV or an
         *     Office document; other types and empty files are 422. Larger than
         *     `QUALTRACK_MAX_UPLOAD_MB` (default 25 MB) is 413.
         */
        AttachmentUpload: {
            content: {
                "multipart/form-data": {
                    file: string;
                };
            };
        };
        /**
         * @description The .xlsx workbook, an OpenDocument spreadsheet (.ods, as LibreOffice
         *     saves it) or a UTF-8 CSV file (comma or semicolon separated), in the
         *     multipart field `file` (at most 10 MB; its
         *     unpacked size and number of rows are limited too). A body that is
         *     not multipart/form-data is 400; a missing file is 422.
         */
        SpreadsheetUpload: {
            content: {
                "multipart/form-data": {
                    file: string;
                };
            };
        };
    };
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process answers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ok"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready for traffic. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "ready"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
            /**
             * @description Not ready: the database does not answer (`database unreachable`),
             *     migrations are pending (`migrations pending`), the data directory
             *     (SQLite file, attachments, keys, checkpoints) cannot be written
             *     (`data directory not writable`, e.g. a read-only mount) or its
             *     disk has less free space than `QUALTRACK_MIN_FREE_DISK_MB`
             *     (`disk full`). The body is the status object, not the error
             *     shape; the server's log says which directory and how much space.
             */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "status": "migrations pending"
                     *     }
                     */
                    "application/json": components["schemas"]["HealthStatus"];
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Signed in. */
            200: {
                headers: {
                    /** @description `qualtrack_session=<token>; Path=/; HttpOnly; SameSite=Strict`; over TLS or in production `__Host-qualtrack_session=<token>; Path=/; Secure; HttpOnly; SameSite=Strict`. */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            /** @description Wrong e-mail or password, a disabled account, or ended access (`unauthenticated`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Password sign-in is switched off (`QUALTRACK_LOCAL_PASSWORDS=false`) and the e-mail is not the break-glass administrator's (`forbidden`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out. */
            204: {
                headers: {
                    /** @description Clears the session cookie (`Max-Age=0`). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    setLanguage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    language: components["schemas"]["Language"];
                };
            };
        };
        responses: {
            /** @description The signed-in user, with the language chosen. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PasswordChange"];
            };
        };
        responses: {
            /** @description Changed. */
            204: {
                headers: {
                    /** @description A renewed session cookie (only for cookie-authenticated requests). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            /** @description The current password is wrong (`fields.current_password`) or the new one breaks the policy (`fields.new_password`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            429: components["responses"]["RateLimited"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["UserSort"];
                /** @description Searches e-mail and name. */
                q?: string;
                role?: components["schemas"]["Role"];
                active?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    endUserSessions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every session of the user has ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    listServiceTokens: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every service token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceTokenList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    createServiceToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceTokenCreate"];
            };
        };
        responses: {
            /** @description Created; `token` is the secret, shown this once. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedServiceToken"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    revokeServiceToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (revoking a revoked token changes nothing). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceToken"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookCreate"];
            };
        };
        responses: {
            /** @description Created; `secret` signs every delivery and is shown this once. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    updateWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    pauseWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Paused. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    resumeWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resumed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Queued; the dispatcher sends it within seconds. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    listWebhookDeliveries: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: "id" | "-id" | "attempted_at" | "-attempted_at";
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of attempts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listManufacturers: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["ManufacturerSort"];
                /** @description Searches name and legal name. */
                q?: string;
                /**
                 * @description ISO 3166-1 alpha-2 code (a known English country name is accepted too).
                 * @example CN
                 */
                country?: components["parameters"]["CountryFilter"];
                /** @description Absent or false lists active records, true archived ones, all both. */
                archived?: components["parameters"]["ArchivedFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of manufacturers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ManufacturerList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createManufacturer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ManufacturerCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Manufacturer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getManufacturer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The manufacturer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Manufacturer"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteManufacturer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateManufacturer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ManufacturerUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Manufacturer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listSites: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                /** @description risk_tier and qualification_status sort in their natural order; manufacturer sorts by the manufacturer's name. */
                sort?: components["parameters"]["SiteSort"];
                /** @description Searches site code, name, city and manufacturer name. */
                q?: components["parameters"]["SiteQ"];
                manufacturer_id?: components["parameters"]["ManufacturerIDFilter"];
                /**
                 * @description One qualification status or several separated by commas (`qualified,conditional`).
                 * @example qualified,conditional
                 */
                status?: components["parameters"]["SiteStatusFilter"];
                risk_tier?: components["parameters"]["RiskTierFilter"];
                /**
                 * @description ISO 3166-1 alpha-2 code (a known English country name is accepted too).
                 * @example CN
                 */
                country?: components["parameters"]["CountryFilter"];
                /** @description true keeps sites whose inspection is overdue (due before today with no inspection planned by then); false keeps the others. */
                overdue?: components["parameters"]["SiteOverdueFilter"];
                /** @description true keeps sites whose next inspection is due from today to 30 days on (the dashboard's "Inspections due in 30 days"). */
                due_soon?: boolean;
                /** @description Absent or false lists active records, true archived ones, all both. */
                archived?: components["parameters"]["ArchivedFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of sites. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createSite: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteSite: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateSite: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listQualificationDecisions: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["DecisionSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of decisions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationDecisionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    decideQualification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description Recorded; the decision and the site as it is now. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DecisionResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    getQualificationOptions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The current status and the possible moves. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QualificationOptions"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listSiteAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadSiteAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listAllSiteAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                page_size?: components["parameters"]["PageSize"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the files, grouped by record. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteAttachmentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    downloadSiteDossier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getDashboard: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The dashboard, as of today; archived sites and their records are left out. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Dashboard"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    listInspections: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                /** @description date is the performed date, else the scheduled date; empty dates sort last. */
                sort?: components["parameters"]["InspectionSort"];
                site_id?: components["parameters"]["SiteIDFilter"];
                status?: components["schemas"]["InspectionStatus"];
                type?: components["schemas"]["InspectionType"];
                result?: components["schemas"]["InspectionResult"];
                /** @description Earliest inspection date (performed, else scheduled), included. */
                from?: string;
                /** @description Latest inspection date (performed, else scheduled), included; not before `from`. */
                to?: string;
                /** @description Searches the site's code and name and the summary. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of inspections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createInspection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectionCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    getInspection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inspection. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteInspection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateInspection: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InspectionUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    createFinding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FindingCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Finding"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    listInspectionAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadInspectionAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listFindings: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                /** @description severity sorts worst first, status in lifecycle order; empty due dates sort last. */
                sort?: components["parameters"]["FindingSort"];
                site_id?: components["parameters"]["SiteIDFilter"];
                inspection_id?: number;
                /**
                 * @description One status or several separated by commas (`open,in_progress`).
                 * @example open,in_progress
                 */
                status?: string;
                severity?: components["schemas"]["Severity"];
                /** @description true keeps findings not closed whose due date is before today; false keeps the others. */
                overdue?: boolean;
                /** @description Searches description, requirement and owner. */
                q?: string;
                /** @description true keeps the records of sites that are not archived, as the dashboard's figures count them. */
                active_sites?: components["parameters"]["ActiveSitesFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of findings. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FindingList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getFinding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The finding. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Finding"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updateFinding: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FindingUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Finding"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    listFindingAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadFindingAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listCertifications: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["CertificationSort"];
                site_id?: components["parameters"]["SiteIDFilter"];
                /**
                 * @description The standard, matched exactly ignoring case (known standards in any common spelling).
                 * @example ISO 9001:2015
                 */
                standard?: string;
                /**
                 * @description One derived status or several separated by commas (`expiring,expired`).
                 * @example expiring,expired
                 */
                status?: string;
                /** @description Keeps certificates not withdrawn that expire from today to today + N days. */
                expiring_within_days?: components["parameters"]["ExpiringWithinDays"];
                /** @description Searches standard, certificate number, issuing body and site code. */
                q?: string;
                /** @description true keeps the records of sites that are not archived, as the dashboard's figures count them. */
                active_sites?: components["parameters"]["ActiveSitesFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of certifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createCertification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CertificationCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCertification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certification"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteCertification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateCertification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CertificationUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Certification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listCertificationAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadCertificationAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listBOMRevisionAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadBOMRevisionAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    downloadAttachment: {
        parameters: {
            query?: {
                /** @description true shows an image inline (for previews); other types are always downloads. */
                inline?: boolean;
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    /** @description `attachment` (or `inline` for an image with inline=true) with `filename` and `filename*` (UTF-8). */
                    "Content-Disposition"?: string;
                    /** @description The quoted SHA-256 of the content. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                };
            };
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                /** @description occurred_at is an alias of sequence. */
                sort?: components["parameters"]["AuditSort"];
                /**
                 * @description The record type. `export` finds every spreadsheet export
                 *     (`report.export`), whatever it was about.
                 */
                entity_type?: components["schemas"]["AuditRecordType"];
                entity_id?: number;
                /** @description The person who acted (see /audit-events/actors). */
                actor_id?: number;
                /** @description The exact action, such as `site.update` or `auth.login_failed`. */
                action?: string;
                /** @description First day (UTC) of events to include. */
                from?: string;
                /** @description Last day (UTC) of events to include, the whole day. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listAuditActors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everyone who appears in the part of the trail the caller may read. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["AuditActor"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    verifyAuditTrail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result of the check (200 whether or not the chain is intact). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerifyResult"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    getAuditHead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The chain head, signed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditHead"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    verifyAuditHead: {
        parameters: {
            query: {
                /** @description The head's hash. */
                hash: string;
                /** @description As exported. */
                occurred_at: string;
                /** @description As exported. */
                exported_at: string;
                /** @description As exported. */
                key_id?: string;
                /** @description As exported (base64; URL-encode it). */
                signature?: string;
            };
            header?: never;
            path: {
                /** @description The head's event. */
                sequence: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The result (200 whether or not the head still holds). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditHeadCheck"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCheckpointKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CheckpointKey"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    reportApprovedSuppliers: {
        parameters: {
            query?: {
                /** @description Searches site code, name, city and manufacturer name. */
                q?: components["parameters"]["SiteQ"];
                manufacturer_id?: components["parameters"]["ManufacturerIDFilter"];
                /**
                 * @description One qualification status or several separated by commas (`qualified,conditional`).
                 * @example qualified,conditional
                 */
                status?: components["parameters"]["SiteStatusFilter"];
                risk_tier?: components["parameters"]["RiskTierFilter"];
                /** @description ISO 3166-1 alpha-2 code or English country name. */
                country?: string;
                /** @description true keeps sites whose inspection is overdue (due before today with no inspection planned by then); false keeps the others. */
                overdue?: components["parameters"]["SiteOverdueFilter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportInspections: {
        parameters: {
            query?: {
                /** @description Earliest inspection date, included. */
                from?: string;
                /** @description Latest inspection date, included; not before `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportCertifications: {
        parameters: {
            query?: {
                /** @description Keeps certificates not withdrawn that expire from today to today + N days. */
                expiring_within_days?: components["parameters"]["ExpiringWithinDays"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportFindings: {
        parameters: {
            query?: {
                /**
                 * @description One finding status or several separated by commas (`open,in_progress`).
                 * @example open,in_progress
                 */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportChangeNotifications: {
        parameters: {
            query?: {
                status?: components["schemas"]["ChangeStatus"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportSummary: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    reportAuditTrail: {
        parameters: {
            query?: {
                /**
                 * @description The record type. `export` finds every spreadsheet export
                 *     (`report.export`), whatever it was about.
                 */
                entity_type?: components["schemas"]["AuditRecordType"];
                entity_id?: number;
                /** @description The person who acted (see /audit-events/actors). */
                actor_id?: number;
                /** @description The exact action, such as `site.update` or `auth.login_failed`. */
                action?: string;
                /** @description First day (UTC) of events to include. */
                from?: string;
                /** @description Last day (UTC) of events to include, the whole day. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    downloadSitesImportTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    downloadCertificationsImportTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    importSites: {
        parameters: {
            query?: {
                /** @description true checks the file and reports what would change, writing nothing. */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["SpreadsheetUpload"];
        responses: {
            200: components["responses"]["ImportDone"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ImportRejected"];
        };
    };
    importCertifications: {
        parameters: {
            query?: {
                /** @description true checks the file and reports what would change, writing nothing. */
                dry_run?: components["parameters"]["DryRun"];
            };
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: components["requestBodies"]["SpreadsheetUpload"];
        responses: {
            200: components["responses"]["ImportDone"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ImportRejected"];
        };
    };
    listChecklistTemplates: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["ChecklistTemplateSort"];
                /** @description Absent or false lists active records, true archived ones, all both. */
                archived?: components["parameters"]["ArchivedFilter"];
                /** @description Searches the name and description. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of templates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createChecklistTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistTemplateContent"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getChecklistTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    replaceChecklistTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistTemplateReplace"];
            };
        };
        responses: {
            /** @description Saved; the id is new when a new version was created. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    archiveChecklistTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistTemplateArchive"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listChecklistTemplateVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description All versions on one page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistTemplateList"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getInspectionChecklists: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checklists. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionChecklists"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    addInspectionChecklist: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistAdd"];
            };
        };
        responses: {
            /** @description Added. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionChecklist"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    removeInspectionChecklist: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    answerChecklistItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
                /** @description The id of an item of the checklist's template version. */
                item_id: components["parameters"]["ChecklistItemId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistAnswerWrite"];
            };
        };
        responses: {
            /** @description Changed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistAnswer"];
                };
            };
            /** @description Answered for the first time. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistAnswer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    clearChecklistAnswer: {
        parameters: {
            query: {
                /** @description The version of the answer read. */
                version: number;
            };
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
                /** @description The id of an item of the checklist's template version. */
                item_id: components["parameters"]["ChecklistItemId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cleared. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    raiseFindingFromChecklistItem: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The id of the inspection's checklist (`checklists[].id`). */
                cid: components["parameters"]["ChecklistId"];
                /** @description The id of an item of the checklist's template version. */
                item_id: components["parameters"]["ChecklistItemId"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["FindingFromItem"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Finding"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    downloadInspectionReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["NotificationSort"];
                /** @description `true` lists only unread notifications, `false` only read ones; absent lists both. */
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the user's notifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    countUnreadNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "count": 3
                     *     }
                     */
                    "application/json": {
                        /** Format: int64 */
                        count: number;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    markAllNotificationsRead: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description How many were unread. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "marked": 3
                     *     }
                     */
                    "application/json": {
                        /** Format: int64 */
                        marked: number;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
        };
    };
    markNotificationRead: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The notification, with `read_at` set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Notification"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    getNotificationPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The effective channel per kind, the role's defaults, and whether e-mail can be sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    setNotificationPreferences: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "preferences": {
                 *         "finding_overdue": "in_app",
                 *         "conditional_ending": "off"
                 *       }
                 *     }
                 */
                "application/json": {
                    preferences: {
                        [key: string]: components["schemas"]["NotificationChannel"];
                    };
                };
            };
        };
        responses: {
            /** @description The preferences after the change. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferences"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            /** @description `preferences` is missing, or names an unknown kind or channel (`fields["preferences.<kind>"]`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    loginTOTP: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    challenge: string;
                    /** @example 287082 */
                    code?: string;
                    /** @example abcd-efgh-ijkl-mnop */
                    recovery_code?: string;
                    /**
                     * @description As in `POST /auth/login`.
                     * @enum {string}
                     */
                    session?: "cookie" | "token";
                };
            };
        };
        responses: {
            /** @description Signed in (same body as POST /auth/login). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            413: components["responses"]["TooLarge"];
            /** @description Too many failed attempts; see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    signInMethods: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sign-in methods. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignInMethods"];
                };
            };
        };
    };
    startSSO: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Where to send the browser. */
            200: {
                headers: {
                    /** @description `qualtrack_sso_state=<state>; Path=/api/v1/auth/oidc; Max-Age=600; HttpOnly; SameSite=Lax` (and `Secure` over TLS or in production). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SSOStart"];
                };
            };
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            /** @description The identity provider cannot be reached (`sso_unavailable`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    finishSSO: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                    state: string;
                    /**
                     * @description As in `POST /auth/login`.
                     * @enum {string}
                     */
                    session?: "cookie" | "token";
                };
            };
        };
        responses: {
            /** @description Signed in (same body and cookie as POST /auth/login). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            /** @description The identity provider cannot be reached (`sso_unavailable`, with `Retry-After`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrolTOTP: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                };
            };
        };
        responses: {
            /** @description The secret, shown this once. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Base32, for typing into an app. */
                        secret: string;
                        otpauth_url: string;
                        /** @description An SVG document of the otpauth URL as a QR code. */
                        qr_svg: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    confirmTOTP: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    code: string;
                };
            };
        };
        responses: {
            /** @description On. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        recovery_codes: string[];
                        token?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    disableTOTP: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    password: string;
                    code: string;
                };
            };
        };
        responses: {
            /** @description Off. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The bearer session's new token. */
                        token?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    resetUserTOTP: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Reset; the user enrols again. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
        };
    };
    getSecuritySettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rules. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecuritySettings"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    putSecuritySettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SecuritySettings"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecuritySettings"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCalendarToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Whether a token exists, when it was made and last used. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarTokenStatus"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    resetCalendarToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new feed URL. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "url": "https://qualtrack.example.com/calendar/pQ0sX1k7m2b9vF3yL8dN4hR6tW5zA0cE2gJ1uY7iO3s.ics",
                     *       "created_at": "2026-06-15T10:00:00Z"
                     *     }
                     */
                    "application/json": {
                        /**
                         * Format: uri
                         * @description QUALTRACK_BASE_URL + /calendar/{token}.ics
                         */
                        url: string;
                        /** Format: date-time */
                        created_at: string;
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
        };
    };
    revokeCalendarToken: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or there was none). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
        };
    };
    calendarFeed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 43 characters of unpadded base64url (32 random bytes). */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The feed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            404: components["responses"]["NotFound"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: "part_number" | "-part_number" | "name" | "-name" | "updated_at" | "-updated_at";
                /** @description Searches part number and name. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of products. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductCreate"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The product. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProductDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deleteProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProductUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Product"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createFirmwareRelease: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FirmwareReleaseCreate"];
            };
        };
        responses: {
            /** @description Recorded, pending approval. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmwareRelease"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    approveFirmwareRelease: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignedApproval"];
            };
        };
        responses: {
            /** @description Approved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FirmwareRelease"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    deleteFirmwareRelease: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    createBOMRevision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BOMRevisionCreate"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BOMRevision"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteBOMRevision: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    getSiteIntegrity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site's integrity. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteIntegrity"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    addSiteProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteProductCreate"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteProduct"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteSiteProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateSiteProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SiteProductUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SiteProduct"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createComponentSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComponentSourceCreate"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComponentSource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteComponentSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
        };
    };
    updateComponentSource: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ComponentSourceUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComponentSource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    acceptSourceJustification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VersionOnly"];
            };
        };
        responses: {
            /** @description Accepted. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ComponentSource"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getInspectionIntegrity: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inspection's integrity observations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionIntegrity"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    recordIntegrityObservations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /** @description A key the client chose for this batch, 1 to 100 visible ASCII characters (a UUID); otherwise 422. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ObservationsCreate"];
            };
        };
        responses: {
            /** @description Recorded and compared, or, for a batch sent again under its key, what was recorded the first time. */
            201: {
                headers: {
                    /** @description `true` when the answer is the one kept for the key. */
                    "Idempotency-Replayed"?: "true";
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedObservations"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    deleteIntegrityObservation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    getIntegrityDrift: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                page_size?: components["parameters"]["PageSize"];
                /** @description Only the sites of this manufacturer. */
                manufacturer_id?: number;
                site_id?: number;
                product_id?: number;
                /** @description Kinds of drift, separated by commas (firmware, golden_sample, bom, avl, aoi): only the products at sites that drift in one of them, each with only those values. */
                kind?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the drift report. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DriftList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportIntegrityDrift: {
        parameters: {
            query?: {
                /** @description Only the sites of this manufacturer. */
                manufacturer_id?: number;
                site_id?: number;
                product_id?: number;
                /** @description Kinds of drift, separated by commas (firmware, golden_sample, bom, avl, aoi): only the products at sites that drift in one of them, each with only those values. */
                kind?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listPartIncidents: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: "reported_on" | "-reported_on" | "part_number" | "-part_number" | "status" | "-status" | "updated_at" | "-updated_at";
                /** @description One status or several separated by commas. */
                status?: string;
                /** @description Searches part number, source, lot codes and GIDEP/ERAI references. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of incidents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartIncidentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createPartIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartIncidentCreate"];
            };
        };
        responses: {
            /** @description Recorded. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartIncident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getPartIncident: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incident. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartIncidentDetail"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    deletePartIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    updatePartIncident: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PartIncidentUpdate"];
            };
        };
        responses: {
            /** @description Saved. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartIncident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reportBlastRadius: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Spreadsheet"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    inviteSupplier: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SupplierInvite"];
            };
        };
        responses: {
            /** @description The account, bound to the manufacturer, and its invitation. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierInvitation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listSupplierUsers: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["UserSort"];
                /** @description Searches e-mail and name. */
                q?: string;
                manufacturer_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of supplier accounts. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    reinviteSupplier: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new invitation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierInvitation"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description The part of the invitation link after `#`. */
                    token: string;
                    password: string;
                    /** @description The language the invitation page was read in; the supplier's e-mails speak it from then on. */
                    language?: components["schemas"]["Language"];
                };
            };
        };
        responses: {
            /** @description The password is set; sign in with the e-mail address. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        email: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierManufacturer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The company and the sites the supplier may see. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierHome"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierSite"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierCertifications: {
        parameters: {
            query?: {
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up to 200 certificates. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["SupplierCertification"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getFindingCorrectiveAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveAction"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    issueCorrectiveAction: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What the supplier is asked to do; the supplier reads it. */
                    request?: string;
                    /** @description The buyer's own note; never shown to the supplier. */
                    internal_note?: string;
                };
            };
        };
        responses: {
            /** @description The request, open at containment (D3). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listCorrectiveActions: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["CorrectiveActionSort"];
                status?: components["schemas"]["CAStatus"];
                /** @description Open requests waiting on this stage. */
                stage?: components["schemas"]["CAStage"];
                /** @description Only requests with a stage past its due date. */
                overdue?: boolean;
                manufacturer_id?: number;
                site_id?: number;
                finding_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveActionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getCorrectiveAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveAction"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    reviewCorrectiveActionStage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    decision: "accept" | "return";
                    /** @description Required to return; the supplier reads it. */
                    reason?: string;
                    /** @description Required to accept (meaning reviewed or approved); a return is not signed. */
                    signature?: components["schemas"]["SignatureRequest"];
                };
            };
        };
        responses: {
            /** @description The request after the review. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    verifyCorrectiveAction: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    method: components["schemas"]["VerificationMethod"];
                    /** @description What was checked and what showed the correction works. */
                    note: string;
                    /** @description Required for next_inspection: the inspection and checklist item that verified it. */
                    reference?: string;
                    /** @description Required (meaning verified or approved); it also signs the finding's closing. */
                    signature: components["schemas"]["SignatureRequest"];
                };
            };
        };
        responses: {
            /** @description The closed request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveAction"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    downloadCorrectiveActionFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["StageFileContent"];
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierListCorrectiveActions: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["CorrectiveActionSort"];
                status?: components["schemas"]["CAStatus"];
                stage?: components["schemas"]["CAStage"];
                overdue?: boolean;
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of requests. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierCorrectiveActionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierGetCorrectiveAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupplierCorrectiveAction"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierSubmitStage: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    text: string;
                    /** @description D5/D6: how and when the action was implemented (required); D7: other lines and sites affected. */
                    detail?: string;
                    method?: components["schemas"]["RootCauseMethod"];
                };
            };
        };
        responses: {
            /** @description The receipt (keep it; `qualtrack audit verify --head` accepts it as a head). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveActionReceipt"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierUploadStageFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
                /** @description The 8D stage: d3 containment, d4 root cause, d5 corrective action and implementation (D5/D6), d7 preventive action, d8 verification. */
                stage: components["parameters"]["CAStagePath"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            /** @description The file. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorrectiveActionFile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierDownloadStageFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["StageFileContent"];
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierVerifyReceipt: {
        parameters: {
            query: {
                hash: string;
            };
            header?: never;
            path: {
                sequence: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The check. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceiptCheck"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    listSelfAssessments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["SelfAssessmentSort"];
                status?: components["schemas"]["AssessmentStatus"];
                /** @description Only questionnaires waiting for the supplier past their due date. */
                overdue?: boolean;
                manufacturer_id?: number;
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of questionnaires. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessmentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    sendSelfAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: int64 */
                    site_id: number;
                    /**
                     * Format: int64
                     * @description The newest, not archived version of a template.
                     */
                    template_id: number;
                    due_date: components["schemas"]["Date"];
                    /** @description What the supplier reads with the questionnaire. */
                    message?: string;
                };
            };
        };
        responses: {
            /** @description The questionnaire, open for the supplier. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getSelfAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The questionnaire. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    reviewSelfAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: int64
                     * @description The questionnaire's version read; a stale one is 409.
                     */
                    version: number;
                    /** @enum {string} */
                    decision: "accept" | "return";
                    /** @description A general comment the supplier reads. */
                    comment?: string;
                    /** @description Required to return (at least one); none with an acceptance. */
                    items?: {
                        /** Format: int64 */
                        item_id: number;
                        /** @description What the supplier must change. */
                        comment: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description The questionnaire after the review. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierListSelfAssessments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["SelfAssessmentSort"];
                status?: components["schemas"]["AssessmentStatus"];
                overdue?: boolean;
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of questionnaires. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessmentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierGetSelfAssessment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The questionnaire. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierSaveSelfAssessmentAnswers: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: int64
                     * @description The questionnaire's version read; a stale one is 409 and nothing is saved.
                     */
                    version: number;
                    answers: {
                        /** Format: int64 */
                        item_id: number;
                        /**
                         * @description For yes_no items.
                         * @enum {string}
                         */
                        answer?: "yes" | "no" | "";
                        /** @description For rating_1_5 items. */
                        rating?: number | null;
                        /** @description For text items. */
                        text?: string;
                        /** @description Only where the item allows N/A. */
                        not_applicable?: boolean;
                        note?: string;
                        /** @description Evidence files of this questionnaire (POST .../files first). */
                        attachment_ids?: number[];
                    }[];
                };
            };
        };
        responses: {
            /** @description The questionnaire with the answers saved and its new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierSubmitSelfAssessment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: int64 */
                    version: number;
                };
            };
        };
        responses: {
            /** @description The submitted questionnaire. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfAssessment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierUploadSelfAssessmentFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            /** @description The file, an attachment of the questionnaire. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierDownloadSelfAssessmentFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["StageFileContent"];
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listChangeNotifications: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["ChangeNotificationSort"];
                status?: components["schemas"]["ChangeStatus"];
                manufacturer_id?: number;
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of change notifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    createChangeNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: int64 */
                    manufacturer_id: number;
                    kind: components["schemas"]["ChangeKind"];
                    title: string;
                    description?: string;
                    planned_date?: components["schemas"]["NullableDate"];
                    site_ids: number[];
                };
            };
        };
        responses: {
            /** @description The pending change notification. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    getChangeNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change notification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotification"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    listChangeNotificationAttachments: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    uploadChangeNotificationAttachment: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            201: components["responses"]["AttachmentCreated"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    decideChangeNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    status: "approved" | "approved_with_conditions" | "rejected";
                    /** @description Required for approved_with_conditions. */
                    conditions?: string;
                    /** @description Required to reject. */
                    reason?: string;
                    /** @description Plan a for-cause inspection at each of the change's sites on inspection_date. */
                    requires_inspection?: boolean;
                    inspection_date?: components["schemas"]["NullableDate"];
                    signature: components["schemas"]["SignatureRequest"];
                };
            };
        };
        responses: {
            /** @description The decided change notification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["RateLimited"];
        };
    };
    recordUnnotifiedChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: components["schemas"]["ChangeKind"];
                    title: string;
                    description?: string;
                    severity: components["schemas"]["Severity"];
                };
            };
        };
        responses: {
            /** @description The finding and the retroactive notification. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        change_notification: components["schemas"]["ChangeNotification"];
                        finding: components["schemas"]["Finding"];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    inspectionChanges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes to check against. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        since: components["schemas"]["NullableDate"];
                        items: components["schemas"]["ChangeNotification"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    siteChangeNotifications: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site's changes (at most 200, newest first). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description An approved change has not been inspected since it was decided. */
                        uninspected_change: boolean;
                        items: components["schemas"]["ChangeNotification"][];
                    };
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierListChangeNotifications: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["ChangeNotificationSort"];
                status?: components["schemas"]["ChangeStatus"];
                site_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of change notifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotificationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierCreateChangeNotification: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    kind: components["schemas"]["ChangeKind"];
                    title: string;
                    description?: string;
                    planned_date?: components["schemas"]["NullableDate"];
                    site_ids: number[];
                };
            };
        };
        responses: {
            /** @description The pending change notification. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierGetChangeNotification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The change notification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNotification"];
                };
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    supplierListChangeNotificationFiles: {
        parameters: {
            query?: {
                page?: components["parameters"]["Page"];
                /**
                 * @description `exact` counts every match for `total`. Left out, the count may
                 *     stop twenty pages past this page (at least; rounded up to a
                 *     thousand), and the answer says so with `total_exact: false`.
                 */
                count?: components["parameters"]["Count"];
                /**
                 * @description The `next` cursor of the previous page: this page holds the rows
                 *     after that page's last one, in the same order (same `sort`), found
                 *     through an index rather than by skipping the rows before it, so a
                 *     deep page costs what the first does. Send it instead of `page`
                 *     (both is 400), with the same `sort` and filters; a cursor that was
                 *     not handed out by this list for this order (edited, of another
                 *     list or another sort) is 400 `bad_request` naming `after`. Rows
                 *     changed between pages move as their values did: none is shown
                 *     twice and none skipped unless its sort value moved across the
                 *     cursor.
                 */
                after?: components["parameters"]["After"];
                page_size?: components["parameters"]["PageSize"];
                sort?: components["parameters"]["AttachmentSort"];
            };
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["AttachmentList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierUploadChangeNotificationFile: {
        parameters: {
            query?: never;
            header?: {
                /** @description Required, with the value `qualtrack`, when the request is authenticated by the session cookie; not needed with a bearer token. */
                "X-Requested-With"?: components["parameters"]["CSRFHeader"];
                /**
                 * @description The file's SHA-256 as the client computed it (64 hexadecimal digits).
                 *     When sent, a file whose received bytes have another hash is 422 on
                 *     `file` and nothing is stored (the web app sends it for every photo
                 *     queued on a tablet); a value that is not a SHA-256 is 400.
                 */
                "X-Content-SHA256"?: components["parameters"]["ContentSHA256"];
            };
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody: components["requestBodies"]["AttachmentUpload"];
        responses: {
            /** @description The file, an attachment of the change. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["TooLarge"];
            422: components["responses"]["ValidationFailed"];
        };
    };
    supplierDownloadChangeNotificationFile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The record's id. An id that is not a positive integer is 404. */
                id: components["parameters"]["Id"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["StageFileContent"];
            /** @description The requested range of the file. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (If-None-Match matched the ETag). */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthenticated"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
        };
    };
    receiveWebhookEvent: {
        parameters: {
            query?: never;
            header: {
                "X-Qualtrack-Signature": string;
                "X-Qualtrack-Timestamp": string;
                "X-Qualtrack-Event": components["schemas"]["WebhookEventType"];
                "X-Qualtrack-Delivery": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookEvent"];
            };
        };
        responses: {
            /** @description Any 2xx status acknowledges the event. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
