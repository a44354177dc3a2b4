#include "CaseCertificate.h"

#include "core/CertificatePayload.h"
#include "core/Crypto.h"

namespace oneseal::print {

namespace {
QString chineseDate(const QDate& d)
{
    return QStringLiteral("%1年%2月%3日").arg(d.year()).arg(d.month()).arg(d.day());
}
} // namespace

std::optional<CaseCertificate::Result> CaseCertificate::build(const core::CaseState& s, const core::Catalog& catalog,
                                                              const QString& certificateNo, const QString& bureau,
                                                              const QString& signerName, const core::SealKey& key,
                                                              const QDate& issued, QString* error,
                                                              const QString& matterCode)
{
    const QString code = !matterCode.isEmpty() ? matterCode
                                               : (s.matterCodes.isEmpty() ? QString() : s.matterCodes.first());
    const core::Matter* matter = (matterCode.isEmpty() || s.matterCodes.contains(matterCode)) ? catalog.matter(code)
                                                                                            : nullptr;
    if (!matter) {
        if (error)
            *error = tr("The case's matter is not in the catalog; its certificate cannot be made.");
        return std::nullopt;
    }
    auto tpl = CertificateTemplate::forResult(CertificateTemplate::builtIn(), matter->resultType, matter->resultName);
    if (!tpl) {
        if (error)
            *error = tr("No certificate template fits the result \"%1\".").arg(matter->resultName);
        return std::nullopt;
    }
    // The scope is the certificate's own matter: in a bundle case each matter has its certificate.
    QStringList matterNames;
    if (!matterCode.isEmpty() || s.matterCodes.size() <= 1)
        matterNames << matter->name;
    else
        for (const QString& c : s.matterCodes)
            if (const core::Matter* m = catalog.matter(c))
                matterNames << m->name;
    const QDate validUntil = issued.addYears(kDefaultValidityYears).addDays(-1);

    Result result{*tpl, {}, {}, key.keyId()};
    QMap<QString, QString>& f = result.document.fields;
    f.insert(QStringLiteral("serial"), certificateNo);
    f.insert(QStringLiteral("holderName"), s.applicant.name);
    f.insert(QStringLiteral("holderId"), s.applicant.idNumber);
    f.insert(QStringLiteral("legalRepresentative"), s.applicant.legalRepresentative);
    f.insert(QStringLiteral("address"), s.applicant.address);
    f.insert(QStringLiteral("premises"), s.applicant.address);
    f.insert(QStringLiteral("matterName"), matter->resultName.isEmpty() ? matter->name : matter->resultName);
    // 主体业态 is the holder's kind of business (餐饮服务经营者 ...), declared at intake for this matter
    // (Matter::declaredFields); blank for a case accepted before the matter declared it.
    f.insert(QStringLiteral("businessType"), QString());
    f.insert(QStringLiteral("scope"), matterNames.join(QStringLiteral("；")));
    f.insert(QStringLiteral("supervisoryBody"), matter->department);
    f.insert(QStringLiteral("validity"), QStringLiteral("自%1至%2").arg(chineseDate(issued), chineseDate(validUntil)));
    f.insert(QStringLiteral("validUntil"), chineseDate(validUntil));
    f.insert(QStringLiteral("issuer"), bureau);
    f.insert(QStringLiteral("issueDate"), chineseDate(issued));
    f.insert(QStringLiteral("addressee"), s.applicant.name);
    f.insert(QStringLiteral("signer"), signerName);
    // What the applicant declared for this matter fills the template's field of the same key, where the
    // case itself left it blank (a declared value never replaces the serial, the holder ...).
    if (const core::MatterResult* r = s.matterResult(matter->code))
        for (auto it = r->declared.cbegin(); it != r->declared.cend(); ++it)
            if (f.value(it.key()).isEmpty() && tpl->field(it.key()))
                f.insert(it.key(), it.value());
    f.insert(QStringLiteral("body"),
             QStringLiteral("你（单位）于%1提出的“%2”申请（办件编号：%3），经审查，符合法定条件、标准。根据《中华人民共和国行政"
                            "许可法》第三十八条第一款的规定，本机关决定准予行政许可。")
                 .arg(chineseDate(s.acceptedDate), matterCode.isEmpty() ? s.subjectName : matter->name, s.caseNo));
    result.document.sealBureau = bureau;

    const QByteArray content = core::CertificatePayload::contentBytes(tpl->id(), f);
    result.contentHash = core::crypto::sha256(content);
    core::CertificatePayload payload;
    payload.serial = certificateNo;
    payload.matterCode = matter->code;
    payload.holderName = s.applicant.name;
    payload.holderId = s.applicant.idNumber;
    payload.issued = issued;
    payload.validUntil = validUntil;
    payload.documentHash = core::CertificatePayload::hashDocument(content);
    result.document.qrText = core::CertificatePayload::encode(payload, key, error);
    if (result.document.qrText.isEmpty())
        return std::nullopt;
    return result;
}

} // namespace oneseal::print
