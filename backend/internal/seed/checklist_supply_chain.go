package seed

import (
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// supplyChainIntegrityChecklist checks that what the site builds is what
// was designed: genuine parts, no added or altered parts, only signed
// firmware, and a chain of custody nobody can break alone. The items an
// attacker would go through are critical: failing one fails the
// inspection whatever the score.
func supplyChainIntegrityChecklist() qualification.ChecklistTemplateInput {
	const yn, rating, text = model.AnswerYesNo, model.AnswerRating, model.AnswerFreeText
	return qualification.ChecklistTemplateInput{
		Name: "Hardware supply-chain integrity inspection",
		Description: "Checks that boards are built from genuine parts, match the approved design and golden sample, carry only " +
			"signed firmware, and stay in a traceable, tamper-evident chain of custody from component lot to shipped unit. " +
			"Critical items fail the inspection when answered no (or rated 2 or lower). Sample records yourself; do not " +
			"accept a demonstration prepared for the visit.",
		Sections: []qualification.ChecklistSectionInput{
			{Title: "Component sourcing and counterfeit avoidance", Items: []qualification.ChecklistItemInput{
				checklistItem("Are electronic components bought only from the original component manufacturer (OCM) or its authorised (franchised) distributors?",
					"Take ten purchase orders for ICs, memory and programmable parts from the last six months. Check each supplier against the OCM's published list of authorised distributors. One purchase from a broker or independent distributor without the customer's written approval is a no.",
					"SAE AS5553 (purchasing); SAE AS6081", 5, yn, naNo, isCritical, "security"),
				checklistItem("Is every purchase from a non-authorised source approved in writing by the customer beforehand, and tested to SAE AS6081 before use?",
					"Ask for the list of open-market buys (typically obsolete parts). For each: customer approval before the order, and test reports (external visual, X-ray, XRF, decapsulation as the risk requires). N/A only if there were none.",
					"SAE AS6081; SAE AS5553", 4, yn, naOK, isCritical, "security"),
				checklistItem("Is a certificate of conformance from the OCM or authorised distributor on file for every lot received, traceable back to the OCM?",
					"Pick five lots in stock; match the CoC to the reel labels (part number, lot, date code, quantity). A CoC from a broker that does not name the OCM source is a no.",
					"SAE AS5553 (documentation); SAE AS6081", 4, yn, naNo, isCritical, "traceability"),
				checklistItem("Does receiving inspection compare packaging, labels, date codes and part markings with the OCM's data before parts go into stock?",
					"Watch a receipt or read the last five receiving records; look for mixed date codes within a reel and re-marked or re-labelled parts.",
					"SAE AS5553 (detection)", 3, yn, naNo, notCritical, "security"),
				checklistItem("Are suspect or confirmed counterfeit parts quarantined, reported to the customer (and to GIDEP or ERAI where applicable) and kept out of the supply chain, never returned to the seller?",
					"Ask for the procedure and the last case. N/A only if the site has never had a suspect part and the procedure exists.",
					"SAE AS5553 (reporting, disposition)", 3, yn, naOK, notCritical, "security"),
			}},
			{Title: "BOM and golden-sample comparison", Items: []qualification.ChecklistItemInput{
				checklistItem("Is there a customer-approved golden sample board for each product and revision in production, sealed and kept under access control?",
					"Ask to see the golden boards of the products on the line today; check the seal, the revision, the custody log and who holds the key.",
					"Customer quality agreement", 4, yn, naNo, isCritical, "security"),
				checklistItem("Is every placed part's manufacturer part number checked against the approved BOM and AVL at first article and at each BOM revision?",
					"Compare the placement program's part list with the customer's BOM/AVL for one running product. A substitute not on the AVL is a no.",
					"ISO 9001:2015 8.5.1; customer BOM/AVL", 4, yn, naNo, isCritical, "security"),
				checklistItem("Is a sample of boards from every lot compared with the golden sample for added, missing or altered parts (extra chips, different package markings, wires, changed connectors)?",
					"Read the comparison records of the last three lots: sample size, serial numbers compared, who compared them. Compare one board with the golden sample yourself.",
					"Customer quality agreement", 5, yn, naNo, isCritical, "security"),
				checklistItem("How strictly are BOM and AVL changes limited to customer-approved changes, with no local substitutions?",
					"5: every change traceable to a customer ECO; 3: substitutions approved locally and reported later; 1: buyers substitute parts on their own.",
					"ISO 9001:2015 8.5.6", 3, rating, naNo, notCritical, "quality"),
			}},
			{Title: "X-ray and AOI comparison against the golden board", Items: []qualification.ChecklistItemInput{
				checklistItem("Are boards sampled at a defined rate per lot for X-ray or AOI comparison against the golden board's reference images, looking for added or altered parts (including parts hidden under BGAs or inside connectors)?",
					"Ask for the sampling plan and the last lot's images; check that the reference images come from the golden board, not from a production board.",
					"Customer quality agreement", 5, yn, naNo, isCritical, "security"),
				checklistItem("Are the results recorded with the serial numbers sampled, the images and the reviewer, and kept for the product's life?",
					"Pick a lot shipped three months ago and retrieve its X-ray or AOI comparison record.",
					"ISO 9001:2015 7.5.3", 3, yn, naNo, notCritical, "traceability"),
				checklistItem("Is any difference from the golden board treated as a security incident: lot held and the customer told within 24 hours?",
					"Ask for the escalation procedure and how the last deviation (if any) was handled.",
					"Customer quality agreement", 4, yn, naNo, isCritical, "security"),
				checklistItem("Are AOI and X-ray programs and reference images protected against unauthorised change, versioned and change-logged?",
					"Ask who can change a reference image and show the change log.",
					"ISO 9001:2015 8.5.1", 3, yn, naNo, notCritical, "security"),
			}},
			{Title: "Firmware programming (BIOS, BMC, CPLD)", Items: []qualification.ChecklistItemInput{
				checklistItem("Are firmware images programmed only from releases signed by the customer, with the signature verified before programming?",
					"At a programming station, ask which image is loaded and how it arrived. Check that the signature is verified by the tool, not by eye. An image from e-mail, a USB stick or a local build is a no.",
					"NIST SP 800-193; customer firmware release procedure", 5, yn, naNo, isCritical, "security"),
				checklistItem("Is the SHA-256 hash of each image compared with the released hash before use, and recorded for each programming batch?",
					"Compute or read the hash of the image on the station and compare it with the customer's release note; check the batch record holds it.",
					"NIST SP 800-193", 5, yn, naNo, isCritical, "security"),
				checklistItem("Is the programmed firmware read back and its version and hash checked on programmed boards?",
					"Ask for the verification results of the last batch; at least a sample of boards must be read back.",
					"NIST SP 800-193", 4, yn, naNo, isCritical, "security"),
				checklistItem("Are images kept only in a controlled repository, with superseded versions removed from programming stations?",
					"Look at the station's file system for old or unexplained images.",
					"NIST SP 800-161r1", 3, yn, naNo, notCritical, "security"),
				checklistItem("Which firmware versions and hashes did you see on the line during the visit?",
					"Record image name, version and the first 16 hex digits of the SHA-256 for each station visited.",
					"", 1, text, naNo, notCritical, "security"),
			}},
			{Title: "Programming stations", Items: []qualification.ChecklistItemInput{
				checklistItem("Are programming stations access-controlled with individual logins (no shared accounts) and locked when unattended?",
					"Try the station: is it unlocked? Which account is signed in? Is the password on a note?",
					"NIST SP 800-161r1", 4, yn, naNo, isCritical, "security"),
				checklistItem("Does each station log who programmed which image (hash) onto which serial number, and are the logs kept for the product's life?",
					"Pick three shipped serial numbers and find their programming log entries.",
					"NIST SP 800-161r1; ISO 9001:2015 8.5.2", 4, yn, naNo, isCritical, "traceability"),
				checklistItem("Are programming stations isolated from the internet and the office network, with USB storage disabled or controlled?",
					"Ask IT for the network diagram and the USB policy; check the station.",
					"NIST SP 800-161r1", 3, yn, naNo, notCritical, "security"),
				checklistItem("How well are programming logs reviewed for unexpected images, unknown users or programming outside shift hours?",
					"5: reviewed each week with a record; 3: reviewed only after problems; 1: never reviewed.",
					"NIST SP 800-161r1", 2, rating, naNo, notCritical, "security"),
			}},
			{Title: "Serial-number traceability", Items: []qualification.ChecklistItemInput{
				checklistItem("Can the site trace a shipped board's serial number back to its component lots (reel IDs), PCB lot, firmware image hash, and the stations and operators that built it?",
					"Give them a serial number shipped last month; all links must come from records, not from memory.",
					"ISO 9001:2015 8.5.2", 5, yn, naNo, isCritical, "traceability"),
				checklistItem("Are serial numbers assigned by the system, unique, and are serial labels controlled (unused labels counted and destroyed)?",
					"Ask how labels are printed and what happens to misprints.",
					"ISO 9001:2015 8.5.2", 3, yn, naNo, notCritical, "traceability"),
				checklistItem("Are repairs traced: which parts were replaced, from which lot, by whom, and re-verified against the golden sample?",
					"Pick a repaired board and follow its record.",
					"ISO 9001:2015 8.5.2, 8.7", 3, yn, naOK, notCritical, "traceability"),
			}},
			{Title: "Tamper-evident packaging and seals", Items: []qualification.ChecklistItemInput{
				checklistItem("Are finished units or pallets sealed with serialised tamper-evident seals or tape, and is each seal number recorded against the unit or pallet serial?",
					"Check three packed units against the packing record.",
					"Customer packaging specification", 4, yn, naNo, isCritical, "security"),
				checklistItem("Are unused seals kept locked, issued by count and reconciled, with spoiled seals recorded?",
					"Count the seal stock with the person responsible and reconcile with the issue log.",
					"Customer packaging specification", 3, yn, naNo, notCritical, "security"),
				checklistItem("Are seal numbers checked at shipping and sent to the customer with the shipment (ASN or packing list)?",
					"Compare the last ASN with the shipping record.",
					"Customer packaging specification", 3, yn, naNo, notCritical, "security"),
				checklistItem("Are the finished-goods store and shipping area access-controlled and covered by CCTV, with recordings kept at least 90 days?",
					"Ask for the recording of a shipment from two months ago.",
					"Customer security agreement", 2, yn, naNo, notCritical, "security"),
			}},
			{Title: "Physical access and separation of duties", Items: []qualification.ChecklistItemInput{
				checklistItem("Is access to production, programming and finished-goods areas limited to authorised staff by badge, with visitors logged and escorted?",
					"Watch the doors; ask for the access list of the programming room and compare it with the people who need to be there.",
					"Customer security agreement", 4, yn, naNo, isCritical, "security"),
				checklistItem("Is it impossible for one person alone to program firmware, change the golden sample or reference images, and release units for shipping, without a second person's check?",
					"Map who can do each step. One person with unrestricted access to every step (e.g. a line lead with admin rights and the seal stock) is a no.",
					"NIST SP 800-161r1 (separation of duties)", 4, yn, naNo, isCritical, "security"),
				checklistItem("Are access rights reviewed at least quarterly and removed on the day someone leaves?",
					"Ask for the last review and check two recent leavers against the badge system.",
					"Customer security agreement", 3, yn, naNo, notCritical, "security"),
				checklistItem("Are people in sensitive roles (firmware programming, golden-sample custody, seal control) screened where local law allows?",
					"Ask HR what screening is done; N/A where the law forbids it.",
					"Customer security agreement", 2, yn, naOK, notCritical, "security"),
			}},
			{Title: "Change notification", Items: []qualification.ChecklistItemInput{
				checklistItem("Does the site's procedure require written notice to the customer, and the customer's approval, before any change of process, equipment, production location or sub-tier supplier?",
					"Read the change-notification procedure and the supply agreement's PCN clause.",
					"Supply agreement (PCN); ISO 9001:2015 8.5.6", 4, yn, naNo, isCritical, "process"),
				checklistItem("Was every change since the last inspection notified in advance?",
					"Compare equipment lists, sub-tier suppliers and locations with the last inspection's record. N/A on a first inspection.",
					"Supply agreement (PCN)", 4, yn, naOK, isCritical, "process"),
				checklistItem("Are the same requirements (authorised sources, CoCs, tamper controls, change notification) flowed down to sub-tier suppliers in their purchase orders?",
					"Read two purchase orders to sub-tier suppliers (PCB fab, sub-assembly, programming house).",
					"SAE AS5553 (flow-down); ISO 9001:2015 8.4.3", 3, yn, naNo, notCritical, "security"),
			}},
		},
	}
}
