package seed

import (
	"github.com/qualtrack/qualtrack/backend/internal/model"
	"github.com/qualtrack/qualtrack/backend/internal/qualification"
)

// generalAuditChecklist is a process audit of an electronics contract
// manufacturer against ISO 9001 and the IPC and ESD standards the
// industry works to.
func generalAuditChecklist() qualification.ChecklistTemplateInput {
	const yn, rating, text = model.AnswerYesNo, model.AnswerRating, model.AnswerFreeText
	return qualification.ChecklistTemplateInput{
		Name: "General manufacturing-process audit",
		Description: "Process audit of an electronics manufacturing site: document control, training, calibration, ESD, " +
			"process control, non-conforming material and traceability. Answer from what you see on the floor and in " +
			"the records, not from the procedures alone; sample as the guidance says and note the samples taken.",
		Sections: []qualification.ChecklistSectionInput{
			{Title: "Document control", Items: []qualification.ChecklistItemInput{
				checklistItem("Are the work instructions at the stations visited the current released revision, with revision and approval visible?",
					"Pick at least three stations (e.g. SMT setup, hand soldering, final assembly). Compare the revision on the station copy with the document register or PLM. An uncontrolled printout, a handwritten change or a missing revision is a no.",
					"ISO 9001:2015 7.5.3", 3, yn, naNo, notCritical, "quality"),
				checklistItem("Are obsolete documents removed from points of use, or clearly marked as obsolete where they are kept?",
					"Look in station binders, on line PCs and in the supervisor's office for superseded revisions of the instructions sampled above.",
					"ISO 9001:2015 7.5.3.2", 2, yn, naNo, notCritical, "quality"),
				checklistItem("Are the customer's engineering changes (ECO/ECN) in place on the line by their effective date, with a record of who implemented and verified them?",
					"Take the last two ECOs the customer released. Check the BOM, stencil/program revision and work instruction on the line, and the implementation record with the first serial number built to the change.",
					"ISO 9001:2015 8.5.6", 3, yn, naOK, notCritical, "process"),
				checklistItem("How complete, legible and retrievable are production records (travellers, inspection and test records)?",
					"Ask for the records of a lot built last month. 5: complete, signed, found in minutes; 3: gaps or slow to find; 1: missing or back-filled.",
					"ISO 9001:2015 7.5.3", 2, rating, naNo, notCritical, "quality"),
			}},
			{Title: "Training and competence", Items: []qualification.ChecklistItemInput{
				checklistItem("Does every operator sampled hold a current qualification for the operation they perform (e.g. IPC J-STD-001 or IPC-A-610 for soldering and inspection)?",
					"Sample five operators at different stations and check the skills matrix and certificates. An expired IPC certificate, or an operator not on the matrix for the station, is a no.",
					"ISO 9001:2015 7.2; IPC J-STD-001", 3, yn, naNo, notCritical, "quality"),
				checklistItem("Do supervisors use a skills matrix to assign operators to stations, and is it current?",
					"Ask the shift supervisor how today's assignments were made and compare with the matrix.",
					"ISO 9001:2015 7.2", 1, yn, naNo, notCritical, "quality"),
				checklistItem("Are new and temporary workers supervised until qualified, with the sign-off recorded?",
					"Ask HR or production for the newest hires and temporary staff; check their qualification records and who supervises them.",
					"ISO 9001:2015 7.2", 2, yn, naOK, notCritical, "quality"),
			}},
			{Title: "Calibration and measuring equipment", Items: []qualification.ChecklistItemInput{
				checklistItem("Does every instrument sampled carry a valid calibration label and appear in the calibration register?",
					"Sample ten instruments across the line: torque drivers, multimeters, thermocouples and profilers, ICT and functional test fixtures, ESD meters. One overdue or unlisted instrument in use is a no.",
					"ISO 9001:2015 7.1.5.2", 3, yn, naNo, notCritical, "quality"),
				checklistItem("When an instrument was found out of tolerance, was the effect on product already accepted assessed and recorded?",
					"Ask for the last out-of-tolerance calibration report and the assessment of the lots measured since its previous calibration. N/A only if there was none in the last 12 months.",
					"ISO 9001:2015 7.1.5.2", 2, yn, naOK, notCritical, "quality"),
				checklistItem("Is the reflow profile measured with a profiler for every new product and at the defined interval, and is it within the paste maker's window?",
					"Compare the last profile of a running product with the solder paste datasheet (peak, time above liquidus, ramp).",
					"IPC-7530A; IPC J-STD-001", 3, yn, naOK, notCritical, "process"),
			}},
			{Title: "ESD control", Items: []qualification.ChecklistItemInput{
				checklistItem("Is there an ESD control program plan, with a compliance verification plan, covering every area that handles ESD-sensitive parts?",
					"Ask for the plan and its last compliance verification results; check that the areas you walked are in it.",
					"ANSI/ESD S20.20 (program plan)", 2, yn, naNo, notCritical, "esd"),
				checklistItem("Do operators test their wrist straps and footwear at each shift start, with the tester log complete and failures acted on?",
					"Read the tester log for the last two weeks at two stations; ask what an operator does after a failed test.",
					"ANSI/ESD S20.20 (personnel grounding)", 3, yn, naNo, notCritical, "esd"),
				checklistItem("Are EPA boundaries marked, and does ESD-sensitive product leave the EPA only in shielding packaging?",
					"Follow a board from SMT to test and packing; watch for open trays and pink poly bags outside the EPA.",
					"ANSI/ESD S20.20 (EPA, packaging)", 2, yn, naNo, notCritical, "esd"),
				checklistItem("What condition are ESD worksurfaces, grounding points and ionisers in, and are their periodic checks recorded?",
					"5: all checked on schedule and in limits; 3: checks late or a few items out of limits; 1: no checks, damaged or unconnected grounding.",
					"ANSI/ESD S20.20 (compliance verification)", 2, rating, naNo, notCritical, "esd"),
			}},
			{Title: "Process control", Items: []qualification.ChecklistItemInput{
				checklistItem("Are solder paste storage, thawing and stencil life controlled and recorded (fridge temperature log, opening time on each jar)?",
					"Check the fridge log for the last month against the paste datasheet, and the open jars on the printers.",
					"IPC J-STD-001; paste manufacturer's datasheet", 3, yn, naNo, notCritical, "process"),
				checklistItem("Are moisture-sensitive devices handled to J-STD-033: dry storage, floor-life tracking, baking when exceeded?",
					"Pick two MSL 3+ reels on the line; ask when their bags were opened and how floor life is tracked.",
					"IPC/JEDEC J-STD-033", 3, yn, naNo, notCritical, "process"),
				checklistItem("Is a first-article inspection done and recorded at each product or set-up change?",
					"Ask for the FAI records of today's changeovers.",
					"ISO 9001:2015 8.5.1", 3, yn, naNo, notCritical, "process"),
				checklistItem("How well are SPI, AOI, ICT and functional-test yields monitored against targets, with action when they drop?",
					"5: daily review with Pareto and actions; 3: data collected but seldom acted on; 1: no yield data.",
					"ISO 9001:2015 8.5.1, 9.1", 2, rating, naNo, notCritical, "process"),
				checklistItem("Are machine programs and process settings (placement programs, reflow recipes, torque values) protected against unauthorised change?",
					"Ask who can edit a reflow recipe and where changes are logged; try to find the password on the machine.",
					"ISO 9001:2015 8.5.1 f", 2, yn, naNo, notCritical, "process"),
			}},
			{Title: "Non-conforming material", Items: []qualification.ChecklistItemInput{
				checklistItem("Is non-conforming product identified, segregated in a locked or clearly marked area and recorded?",
					"Visit the MRB area; pick two items and find their non-conformance records and disposition.",
					"ISO 9001:2015 8.7.1", 3, yn, naNo, notCritical, "quality"),
				checklistItem("Are rework and repair done to approved instructions (IPC-7711/7721) and re-inspected afterwards?",
					"Watch a rework station; ask for the instruction and the re-inspection record of a reworked board.",
					"IPC-7711/7721; ISO 9001:2015 8.7.1", 2, yn, naNo, notCritical, "quality"),
				checklistItem("Are scrapped boards and components made with the customer's designs destroyed, with the destruction recorded, so that none can re-enter the market?",
					"Ask how scrap leaves the site and for the last destruction certificate. Scrap sold whole to a recycler is a no.",
					"SAE AS5553 (disposition); customer agreement", 3, yn, naNo, notCritical, "security"),
				checklistItem("Are customer returns analysed, with root cause and corrective action (8D) within the agreed time?",
					"Take the last three RMAs and check the 8D reports and dates.",
					"ISO 9001:2015 10.2", 2, yn, naOK, notCritical, "quality"),
			}},
			{Title: "Traceability", Items: []qualification.ChecklistItemInput{
				checklistItem("Can the site trace a shipped unit's serial number to its PCB lot, the component reels placed and its process and test records within four hours?",
					"Give them a serial number shipped last month and time the answer.",
					"ISO 9001:2015 8.5.2", 3, yn, naNo, notCritical, "traceability"),
				checklistItem("Is every component reel given a unique ID at receiving, linked to the supplier's lot and date code?",
					"Check three reels on the line: label, system record, supplier lot.",
					"ISO 9001:2015 8.5.2", 2, yn, naNo, notCritical, "traceability"),
				checklistItem("Which system records traceability (MES, ERP, paper) and how long are the records kept?",
					"Note the system, the retention period and whether it meets the customer's requirement.",
					"ISO 9001:2015 7.5.3", 1, text, naNo, notCritical, "traceability"),
			}},
		},
	}
}
