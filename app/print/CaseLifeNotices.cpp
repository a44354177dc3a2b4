#include "CaseLifeNotices.h"

namespace oneseal::print {

namespace {
QString chineseDate(const QDate& d)
{
    return d.isValid() ? QStringLiteral("%1年%2月%3日").arg(d.year()).arg(d.month()).arg(d.day()) : QString();
}

NoticeDocument base(const core::CaseState& state, const QString& title, const QString& bureau, const QDate& date)
{
    NoticeDocument doc;
    doc.title = title;
    doc.documentNumber = state.caseNo;
    doc.addressee = state.applicant.name;
    doc.fields << qMakePair(QStringLiteral("受理编号"), state.caseNo)
               << qMakePair(QStringLiteral("申请事项"), state.subjectName);
    doc.issuer = bureau;
    doc.date = date;
    return doc;
}
} // namespace

NoticeDocument CaseLifeNotices::materialReceipt(const core::CaseState& state, const QString& materialCode,
                                                const QString& bureau, const QDate& date)
{
    NoticeDocument doc = base(state, QStringLiteral("容缺材料补交回执"), bureau, date);
    const core::MaterialEntry* material = nullptr;
    for (const core::MaterialEntry& m : state.materials)
        if (m.code == materialCode)
            material = &m;
    const QString name = material ? material->name : materialCode;
    doc.paragraphs << QStringLiteral("你（单位）申请的“%1”事项系容缺受理，现已收到补交的材料“%2”，特此回执。")
                          .arg(state.subjectName, name);
    doc.fields << qMakePair(QStringLiteral("补交材料"), name)
               << qMakePair(QStringLiteral("份数"), QString::number(material ? std::max(1, material->count) : 1))
               << qMakePair(QStringLiteral("收件日期"), chineseDate(date));
    doc.listTitle = QStringLiteral("尚欠的容缺材料");
    for (const core::MaterialEntry& m : state.materials)
        if (m.state == core::MaterialState::Deferred)
            doc.numberedItems << qMakePair(m.name, QStringLiteral("补交期限 %1").arg(chineseDate(m.dueDate)));
    if (doc.numberedItems.isEmpty())
        doc.closingParagraphs << QStringLiteral("容缺材料已全部补齐。");
    else
        doc.closingParagraphs << QStringLiteral("请在期限内补交上述材料；逾期未补交的，本机关将依法终止办理或者撤销行政许可。");
    doc.signatureLines << QStringLiteral("收件人（签字）：") << QStringLiteral("申请人（签字）：");
    return doc;
}

NoticeDocument CaseLifeNotices::clockStopNotice(const core::CaseState& state, const QString& bureau, const QDate& date)
{
    const core::ClockStop stop = state.clockStop.value_or(core::ClockStop::Hearing);
    NoticeDocument doc = base(state, core::clockStopNoticeTitle(stop), bureau, date);
    const QString what = core::clockStopChineseName(stop);
    const core::ClockPause pause = state.pauses.isEmpty() ? core::ClockPause{} : state.pauses.last();
    doc.paragraphs << QStringLiteral("你（单位）申请的“%1”事项，依法需要进行%2。根据《中华人民共和国行政许可法》第四十五条的规定，"
                                     "%2所需时间不计算在办理期限内，自%3起暂停计算，%2结束后继续计算。")
                          .arg(state.subjectName, what, chineseDate(pause.from));
    if (!pause.reason.isEmpty())
        doc.paragraphs << QStringLiteral("事由：%1").arg(pause.reason);
    doc.withSeal = true;
    return doc;
}

NoticeDocument CaseLifeNotices::extensionNotice(const core::CaseState& state, const QString& bureau, const QDate& date)
{
    NoticeDocument doc = base(state, QStringLiteral("延期通知书"), bureau, date);
    doc.paragraphs << QStringLiteral("你（单位）申请的“%1”事项，因%2，不能在规定期限内作出决定。经本机关负责人批准，"
                                     "根据《中华人民共和国行政许可法》第四十二条的规定，办理期限延长%3个工作日。")
                          .arg(state.subjectName, state.extensionReasons)
                          .arg(state.extensionDays);
    doc.fields << qMakePair(QStringLiteral("延长后的承诺办结日期"), chineseDate(state.promisedDue))
               << qMakePair(QStringLiteral("延长后的法定办结日期"), chineseDate(state.legalDue));
    doc.withSeal = true;
    return doc;
}

} // namespace oneseal::print
