#include "IntakeNotices.h"

#include "core/Crypto.h"
#include "core/Intake.h"

#include <QCborArray>
#include <QCborValue>

namespace oneseal::print {

namespace {
QString chineseDate(const QDate& d)
{
    return d.isValid() ? QStringLiteral("%1年%2月%3日").arg(d.year()).arg(d.month()).arg(d.day()) : QString();
}

QString formText(const core::MaterialEntry& m)
{
    return QStringLiteral("%1 %2 份").arg(m.original ? QStringLiteral("原件") : QStringLiteral("复印件")).arg(m.count);
}

QString applicantLine(const core::CaseState& s)
{
    QString text = s.applicant.name;
    if (!s.agent.isEmpty())
        text += QStringLiteral("（代理人：%1）").arg(s.agent.name);
    return text;
}
} // namespace

QByteArray IntakeNotices::qrPayload(const core::CaseState& state)
{
    return QByteArrayLiteral("ONESEAL:CASE:") + state.caseNo.toUtf8();
}

QByteArray IntakeNotices::contentHash(const NoticeDocument& doc)
{
    QCborArray a;
    a << doc.title << doc.documentNumber << doc.addressee << QCborArray::fromStringList(doc.paragraphs);
    for (const auto& f : doc.fields)
        a << f.first << f.second;
    a << doc.listTitle;
    for (const auto& i : doc.numberedItems)
        a << i.first << i.second;
    a << QCborArray::fromStringList(doc.closingParagraphs) << doc.issuer << doc.date.toString(Qt::ISODate)
      << doc.withSeal << doc.qrPayload;
    return core::crypto::sha256(a.toCborValue().toCbor());
}

NoticeDocument IntakeNotices::build(const core::CaseState& s, const Hall& hall)
{
    using core::IntakeOutcome;
    using core::MaterialState;
    const IntakeOutcome outcome = core::outcomeFromKey(s.outcome).value_or(IntakeOutcome::Accept);

    NoticeDocument doc;
    doc.title = core::outcomeNoticeTitle(outcome);
    doc.documentNumber = QStringLiteral("编号：%1").arg(s.caseNo);
    doc.addressee = applicantLine(s);
    doc.issuer = hall.bureau;
    doc.date = s.acceptedDate;
    doc.withSeal = true;
    doc.sealBureau = hall.bureau;
    doc.fields = {
        {QStringLiteral("申请事项"), s.subjectName},
        {QStringLiteral("申请人"), s.applicant.name},
        {QStringLiteral("证件号码"), s.applicant.idNumber},
        {QStringLiteral("联系电话"), s.applicant.phone},
    };
    // A "one thing" case names each of its matters with its own promised date.
    if (s.matterResults.size() > 1) {
        doc.fitOnOnePage = true; // the applicant's one sheet for the whole bundle
        int n = 0;
        for (const core::MatterResult& m : s.matterResults) {
            QString value = m.name.isEmpty() ? m.code : m.name;
            if (m.promisedDue.isValid())
                value += QStringLiteral("（承诺%1前办结）").arg(chineseDate(m.promisedDue));
            ++n;
            doc.fields.insert(n, {QStringLiteral("事项%1").arg(n), value});
        }
    }
    if (!s.agent.isEmpty())
        doc.fields.append({QStringLiteral("代理人"), QStringLiteral("%1（%2）").arg(s.agent.name, s.agent.idNumber)});
    doc.fields.append({QStringLiteral("收件时间"), s.acceptedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm"))});
    doc.fields.append({QStringLiteral("经办人"), s.clerkName});
    if (!hall.contactPhone.isEmpty())
        doc.fields.append({QStringLiteral("咨询电话"), hall.contactPhone});

    const QString rights = QStringLiteral(
        "申请人如对本决定不服，可以自收到本通知书之日起六十日内向%1申请行政复议，或者在六个月内向%2提起行政诉讼。")
                               .arg(hall.appealBody.isEmpty() ? QStringLiteral("本级人民政府") : hall.appealBody,
                                    hall.court.isEmpty() ? QStringLiteral("有管辖权的人民法院") : hall.court);

    auto receivedItems = [&s] {
        QList<QPair<QString, QString>> items;
        for (const core::MaterialEntry& m : s.materials) {
            if (m.state == MaterialState::Received)
                items.append({m.name, formText(m)});
            else if (m.state == MaterialState::SharedData)
                items.append({m.name, QStringLiteral("通过共享数据获取，免于提交")});
        }
        return items;
    };
    auto dueText = [&s] {
        QString due = chineseDate(s.promisedDue);
        if (!s.deadlineCertain)
            due += QStringLiteral("（节假日安排未公布，日期待定）");
        return due;
    };

    switch (outcome) {
    case IntakeOutcome::Accept:
    case IntakeOutcome::CompleteInstantly:
        doc.paragraphs << QStringLiteral("你（单位）于%1提交的“%2”申请，申请材料齐全、符合法定形式，"
                                         "根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。")
                              .arg(chineseDate(s.acceptedDate), s.subjectName);
        if (outcome == IntakeOutcome::CompleteInstantly)
            doc.paragraphs << QStringLiteral("本事项为即办件，已当场办结。");
        else
            doc.fields.append({QStringLiteral("承诺办结日期"), dueText()});
        if (s.matterResults.size() > 1) {
            // A bundle's long list as one running paragraph, so that the notice stays on one sheet.
            QStringList items;
            const auto received = receivedItems();
            for (qsizetype i = 0; i < received.size(); ++i)
                items << QStringLiteral("%1. %2（%3）").arg(i + 1).arg(received.at(i).first, received.at(i).second);
            doc.closingParagraphs << QStringLiteral("已收取的申请材料：%1。").arg(items.join(QStringLiteral("；")));
        } else {
            doc.listTitle = QStringLiteral("已收取的申请材料");
            doc.numberedItems = receivedItems();
        }
        doc.qrPayload = qrPayload(s);
        doc.closingParagraphs << QStringLiteral("请凭本通知书及受理编号查询办理进度、领取办理结果。");
        doc.signatureLines << QStringLiteral("申请人（签字）：") << QStringLiteral("受理人（签字）：");
        break;
    case IntakeOutcome::AcceptDeferred: {
        doc.paragraphs << QStringLiteral("你（单位）于%1提交的“%2”申请，主要申请材料齐全、符合法定形式，"
                                         "部分次要材料欠缺。根据容缺受理制度，决定予以容缺受理。")
                              .arg(chineseDate(s.acceptedDate), s.subjectName);
        doc.fields.append({QStringLiteral("承诺办结日期"), dueText()});
        doc.listTitle = QStringLiteral("容缺后补的材料（名称、形式及补交期限）");
        for (const core::MaterialEntry& m : s.materials)
            if (m.state == MaterialState::Deferred)
                doc.numberedItems.append(
                    {m.name, QStringLiteral("%1，须于%2前补交").arg(m.original ? QStringLiteral("原件") : QStringLiteral("复印件"),
                                                               chineseDate(m.dueDate))});
        doc.closingParagraphs
            << QStringLiteral("申请人已签署《容缺受理承诺书》。逾期未补交上述材料的，本机关将终止办理，"
                              "已作出的审批决定依法撤销；补齐材料前不予发放证照。")
            << QStringLiteral("已收取的其他材料见受理登记。");
        doc.qrPayload = qrPayload(s);
        doc.signatureLines << QStringLiteral("申请人（承诺人）签字：") << QStringLiteral("受理人（签字）：");
        break;
    }
    case IntakeOutcome::AcceptCommitment:
        doc.paragraphs << QStringLiteral("你（单位）申请的“%1”实行告知承诺制。本机关现将审批条件和需要提交的材料一次性告知如下，"
                                         "申请人书面承诺已经符合告知的条件、标准、要求的，本机关依法作出审批决定。")
                              .arg(s.subjectName);
        doc.fields.append({QStringLiteral("承诺办结日期"), dueText()});
        doc.listTitle = QStringLiteral("以承诺代替证明的事项");
        for (const core::MaterialEntry& m : s.materials)
            if (m.state == MaterialState::Missing)
                doc.numberedItems.append({m.name, QStringLiteral("申请人承诺符合要求，事后核查")});
        if (doc.numberedItems.isEmpty())
            doc.numberedItems.append({QStringLiteral("全部审批条件"), QStringLiteral("申请人承诺符合要求，事后核查")});
        doc.closingParagraphs
            << QStringLiteral("申请人承诺：所填写的信息真实、准确；已经知晓告知的全部内容；本人（单位）符合审批条件；"
                              "愿意承担不实承诺的法律责任。")
            << QStringLiteral("本机关将在作出审批决定后依法进行核查。发现承诺不实的，依法终止办理、撤销审批决定，"
                              "并依法追究法律责任，记入信用记录。");
        doc.qrPayload = qrPayload(s);
        doc.signatureLines << QStringLiteral("申请人（承诺人）签字：") << QStringLiteral("行政审批机关经办人：");
        break;
    case IntakeOutcome::NotifyMissing:
        doc.paragraphs << QStringLiteral("你（单位）于%1提交的“%2”申请，申请材料不齐全或者不符合法定形式。"
                                         "根据《中华人民共和国行政许可法》第三十二条的规定，现一次性告知需要补正的全部内容如下：")
                              .arg(chineseDate(s.acceptedDate), s.subjectName);
        doc.listTitle = QStringLiteral("需补正的材料及原因");
        for (const core::MaterialEntry& m : s.materials)
            if (m.state == MaterialState::Missing)
                doc.numberedItems.append({m.name, m.note});
        doc.closingParagraphs
            << QStringLiteral("请按上述要求补正后重新提交。本告知书即为一次性告知，补正的内容以本告知书所列为限。")
            << QStringLiteral("收件编号：%1。").arg(s.caseNo);
        doc.signatureLines << QStringLiteral("申请人（签收）：") << QStringLiteral("告知人（签字）：");
        break;
    case IntakeOutcome::Refuse:
        doc.paragraphs << QStringLiteral("你（单位）于%1提交的“%2”申请，经审查，决定不予受理。理由如下：")
                              .arg(chineseDate(s.acceptedDate), s.subjectName);
        doc.listTitle = QStringLiteral("不予受理的理由");
        for (const QString& line : s.reasons.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            doc.numberedItems.append({line.trimmed(), QString()});
        doc.closingParagraphs << rights;
        doc.signatureLines << QStringLiteral("申请人（签收）：");
        break;
    }
    return doc;
}

} // namespace oneseal::print
