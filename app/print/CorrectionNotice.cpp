#include "CorrectionNotice.h"

namespace oneseal::print {

NoticeDocument CorrectionNotice::build(const core::CaseState& state, const QString& bureau, const QDate& date)
{
    NoticeDocument doc;
    doc.title = QStringLiteral("补正材料通知书");
    doc.documentNumber = state.caseNo;
    doc.addressee = state.applicant.name;
    doc.paragraphs << QStringLiteral("你（单位）申请的“%1”事项，经审查，申请材料需要补正。请按下列要求补正后提交，"
                                     "补正期间不计入办理时限，收到补正材料之日起继续计算。")
                          .arg(state.subjectName);
    for (const QString& line : state.correctionNotes.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        doc.numberedItems << qMakePair(line.trimmed(), QString());
    doc.listTitle = QStringLiteral("需补正的材料");
    doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo);
    doc.issuer = bureau;
    doc.date = date;
    doc.signatureLines << QStringLiteral("申请人（签字）：");
    return doc;
}

} // namespace oneseal::print
