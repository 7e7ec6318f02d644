package reminders

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/qualtrack/qualtrack/backend/internal/model"
)

// The words of the e-mails a supplier reads, as a message catalog: the key
// is the English format, each language gives its own. A key missing from
// a language falls back to English (TestCatalogIsComplete keeps them all
// translated).
var supplierWords = map[language.Tag]map[string]string{
	language.SimplifiedChinese: {
		"%s (%s) of %s": "%[3]s %[1]s (%[2]s)",
		"Hello %s,":     "%s，您好：",
		"qualtrack has %d reminder for you on %s.":      "qualtrack 在 %[2]s 有 %[1]d 条提醒给您。",
		"qualtrack has %d reminders for you on %s.":     "qualtrack 在 %[2]s 有 %[1]d 条提醒给您。",
		"qualtrack: %d reminder for %s":                 "qualtrack：%[2]s 的 %[1]d 条提醒",
		"qualtrack: %d reminders for %s":                "qualtrack：%[2]s 的 %[1]d 条提醒",
		" (some overdue)":                               "（部分已逾期）",
		"Answers overdue":                               "已逾期的答复",
		"Answers due":                                   "即将到期的答复",
		"and %d more:":                                  "还有 %d 条：",
		"and %d more: see them all in qualtrack":        "还有 %d 条：在 qualtrack 中查看全部",
		"Open qualtrack":                                "打开 qualtrack",
		"Choose which reminders you receive and how":    "选择接收哪些提醒以及接收方式",
		"qualtrack reminders":                           "qualtrack 提醒",
		"%s for %s is overdue by %s":                    "%[2]s的%[1]s已逾期 %[3]s",
		"%s for %s is due %s":                           "%[2]s的%[1]s将于%[3]s到期",
		"%s: %s. Your answer was due on %s.":            "%s：%s。您的答复应于 %s 提交。",
		"%s: %s. Your answer is due on %s.":             "%s：%s。请于 %s 前提交您的答复。",
		"The buyer returned your answer; answer again.": "采购方退回了您的答复，请重新答复。",
		"today":                     "今天",
		"tomorrow":                  "明天",
		"in %d days":                "%d 天后",
		"%d day":                    "%d 天",
		"%d days":                   "%d 天",
		"Containment (D3)":          "遏制措施 (D3)",
		"Root cause (D4)":           "根本原因 (D4)",
		"Corrective action (D5/D6)": "纠正措施 (D5/D6)",
		"Preventive action (D7)":    "预防措施 (D7)",
		"request %d at %s":          "%[2]s 第 %[1]d 号纠正措施要求",
		"Your qualtrack invitation": "您的 qualtrack 邀请",
		"%s invites you to qualtrack, where you answer corrective-action requests and questionnaires and send change notifications for your company's sites.": "%s 邀请您使用 qualtrack：您可以在这里答复纠正措施要求和问卷，并为贵公司的工厂发送变更通知。",
		"Choose your password here (the link works once, until %s):":                                                                                          "请在此设置您的密码（链接仅可使用一次，有效期至 %s）：",
		"Choose your password": "设置密码",
		"If you do not expect this invitation, ignore this e-mail: no account is used until a password is chosen.": "如果您没有预期收到此邀请，请忽略本邮件：在设置密码之前，该账户不会被使用。",
		"Questionnaires overdue":          "已逾期的问卷",
		"Questionnaires due":              "即将到期的问卷",
		"The questionnaire \"%s\" for %s": "%[2]s 的问卷“%[1]s”",
		"%s is overdue by %s":             "%[1]s已逾期 %[2]s",
		"%s is due %s":                    "%[1]s将于%[2]s到期",
		"%s: your answers to the questionnaire were due on %s.":        "%s：您对问卷的答复应于 %s 提交。",
		"%s: answer every item and submit the questionnaire by %s.":    "%s：请回答所有条目，并于 %s 前提交问卷。",
		"The buyer returned some items; change them and submit again.": "采购方退回了部分条目，请修改后重新提交。",
	},
}

// words is the catalog built once from supplierWords; English needs no
// entries, its keys are its words.
var words = func() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for tag, msgs := range supplierWords {
		for key, text := range msgs {
			if err := b.SetString(tag, key, text); err != nil {
				panic(fmt.Sprintf("reminders: catalog %s %q: %v", tag, key, err))
			}
		}
	}
	return b
}()

// printer writes in lang; "" and unknown languages write English.
func printer(lang model.Language) *message.Printer {
	tag := language.English
	if lang == model.LanguageSimplifiedChinese {
		tag = language.SimplifiedChinese
	}
	return message.NewPrinter(tag, message.Catalog(words))
}

// languageTag is lang as an HTML lang attribute ("en" when unset).
func languageTag(lang model.Language) string {
	if lang == "" {
		return string(model.LanguageEnglish)
	}
	return string(lang)
}

// writeDate writes a calendar date as lang reads it: 2026年6月14日 in
// Chinese, YYYY-MM-DD (as every English e-mail) otherwise.
func writeDate(lang model.Language, d model.Date) string {
	if lang == model.LanguageSimplifiedChinese {
		t := d.Time()
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return d.String()
}
