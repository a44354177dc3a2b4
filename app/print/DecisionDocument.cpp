#include "DecisionDocument.h"

namespace oneseal::print {

NoticeDocument DecisionDocument::build(const core::CaseState& state, const QString& bureau, const QString& matterCode)
{
    NoticeDocument doc;
    // A matter of a bundle case has its own decision (and document).
    const core::MatterResult* matter = matterCode.isEmpty() ? nullptr : state.matterResult(matterCode);
    const bool approved = (matter ? matter->decision : state.decision) == core::Decision::Approved;
    const QString subject = matter ? (matter->name.isEmpty() ? matter->code : matter->name) : state.subjectName;
    const QString reasons = matter ? matter->decisionReasons : state.decisionReasons;
    doc.title = approved ? QStringLiteral("准予行政许可决定书") : QStringLiteral("不予行政许可决定书");
    doc.documentNumber = state.caseNo;
    doc.addressee = state.applicant.name;
    doc.paragraphs << (approved ? QStringLiteral("你（单位）申请的“%1”事项，经审查，符合法定条件、标准，根据《中华人民共和国"
                                                 "行政许可法》第三十八条第一款的规定，决定准予行政许可。")
                                      .arg(subject)
                                : QStringLiteral("你（单位）申请的“%1”事项，经审查，决定不予行政许可。理由如下：%2")
                                      .arg(subject, reasons));
    if (!approved)
        doc.closingParagraphs << QStringLiteral("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
                                                "或者六个月内依法向人民法院提起行政诉讼。");
    doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo)
               << qMakePair(QStringLiteral("申请人"), state.applicant.name);
    if (matter)
        doc.fields << qMakePair(QStringLiteral("一件事"), state.subjectName);
    doc.issuer = bureau;
    doc.withSeal = true;
    return doc;
}

} // namespace oneseal::print
