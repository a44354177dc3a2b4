#include "DecisionDocument.h"

namespace oneseal::print {

NoticeDocument DecisionDocument::build(const core::CaseState& state, const QString& bureau, const QString& matterCode)
{
    NoticeDocument doc;
    if (state.decision == core::Decision::Terminated || state.decision == core::Decision::Revoked) {
        const bool revoked = state.decision == core::Decision::Revoked;
        doc.title = revoked ? QStringLiteral("撤销行政许可决定书") : QStringLiteral("终止办理通知书");
        doc.documentNumber = state.caseNo;
        doc.addressee = state.applicant.name;
        doc.paragraphs << (revoked ? QStringLiteral("你（单位）申请的“%1”事项，本机关已作出准予行政许可决定。经查，%2。"
                                                    "根据《中华人民共和国行政许可法》第六十九条的规定，决定撤销该行政许可，"
                                                    "已发放的许可证件同时作废。")
                                         .arg(state.subjectName, state.decisionReasons)
                                   : QStringLiteral("你（单位）申请的“%1”事项系容缺受理，%2。根据容缺受理承诺，本机关决定终止办理。")
                                         .arg(state.subjectName, state.decisionReasons));
        doc.closingParagraphs << QStringLiteral("如不服本决定，可以自收到本决定书之日起六十日内依法申请行政复议，"
                                                "或者六个月内依法向人民法院提起行政诉讼。");
        doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo)
                   << qMakePair(QStringLiteral("申请人"), state.applicant.name);
        for (const core::CertificateRecord& c : state.certificates)
            if (revoked && c.printed)
                doc.fields << qMakePair(QStringLiteral("作废证书编号"), c.number);
        doc.issuer = bureau;
        doc.withSeal = true;
        return doc;
    }
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
