#include "Applicant.h"

#include "Identifiers.h"

#include <QRegularExpression>

namespace oneseal::core {

namespace {
QString str(const QCborMap& m, const char* key)
{
    return m.value(QLatin1String(key)).toString();
}
} // namespace

bool Applicant::hasCardDetails() const
{
    return !sex.isEmpty() || !ethnicity.isEmpty() || birthDate.isValid() || !idAuthority.isEmpty()
        || idValidFrom.isValid() || idValidTo.isValid() || idLongTerm;
}

bool Applicant::cardExpiredOn(const QDate& today) const
{
    return !idLongTerm && idValidTo.isValid() && today.isValid() && idValidTo < today;
}

namespace {
const QString kLongTerm = QStringLiteral("long_term");
}

QCborMap Applicant::toCbor() const
{
    QCborMap m = applicantBase();
    // Only what is given: a payload without card details is the same as before they existed.
    auto put = [&m](const char* key, const QString& value) {
        if (!value.isEmpty())
            m.insert(QLatin1String(key), value);
    };
    put("sex", sex);
    put("ethnicity", ethnicity);
    put("birth_date", birthDate.isValid() ? birthDate.toString(Qt::ISODate) : QString());
    put("id_authority", idAuthority);
    put("id_valid_from", idValidFrom.isValid() ? idValidFrom.toString(Qt::ISODate) : QString());
    put("id_valid_to", idLongTerm ? kLongTerm : idValidTo.isValid() ? idValidTo.toString(Qt::ISODate) : QString());
    if (fromCard && hasCardDetails())
        m.insert(QLatin1String("id_from_card"), true);
    return m;
}

QCborMap Applicant::applicantBase() const
{
    return QCborMap{{QStringLiteral("id"), id},
                    {QStringLiteral("kind"), kind == ApplicantKind::Person ? QStringLiteral("person")
                                                                           : QStringLiteral("organisation")},
                    {QStringLiteral("name"), name},
                    {QStringLiteral("id_number"), idNumber},
                    {QStringLiteral("phone"), phone},
                    {QStringLiteral("address"), address},
                    {QStringLiteral("legal_representative"), legalRepresentative}};
}

Applicant Applicant::fromCbor(const QCborMap& m)
{
    Applicant a;
    a.id = str(m, "id");
    a.kind = str(m, "kind") == QLatin1String("organisation") ? ApplicantKind::Organisation : ApplicantKind::Person;
    a.name = str(m, "name");
    a.idNumber = str(m, "id_number");
    a.phone = str(m, "phone");
    a.address = str(m, "address");
    a.legalRepresentative = str(m, "legal_representative");
    a.sex = str(m, "sex");
    a.ethnicity = str(m, "ethnicity");
    a.birthDate = QDate::fromString(str(m, "birth_date"), Qt::ISODate);
    a.idAuthority = str(m, "id_authority");
    a.idValidFrom = QDate::fromString(str(m, "id_valid_from"), Qt::ISODate);
    const QString to = str(m, "id_valid_to");
    a.idLongTerm = to == kLongTerm;
    a.idValidTo = a.idLongTerm ? QDate() : QDate::fromString(to, Qt::ISODate);
    a.fromCard = m.value(QLatin1String("id_from_card")).toBool();
    return a;
}

QCborMap Agent::toCbor() const
{
    return QCborMap{{QStringLiteral("name"), name},
                    {QStringLiteral("id_number"), idNumber},
                    {QStringLiteral("phone"), phone}};
}

Agent Agent::fromCbor(const QCborMap& m)
{
    return Agent{str(m, "name"), str(m, "id_number"), str(m, "phone")};
}

ApplicantKind ApplicantRules::kindForIdentifier(const QString& id)
{
    return checkCreditCode(id).valid ? ApplicantKind::Organisation : ApplicantKind::Person;
}

QString ApplicantRules::checkText(const QString& text, const QString& fieldName, int maxLength, bool required)
{
    const QString t = text.trimmed();
    if (t.isEmpty())
        return required ? tr("Enter the %1.").arg(fieldName) : QString();
    if (t.size() > maxLength)
        return tr("The %1 is too long: %2 characters, at most %3.").arg(fieldName).arg(t.size()).arg(maxLength);
    for (const QChar c : t) {
        const auto cat = c.category();
        if (cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Other_NotAssigned)
            return tr("The %1 contains a control character; retype it.").arg(fieldName);
        if (c.isSurrogate() || cat == QChar::Symbol_Other)
            return tr("The %1 contains a character that cannot be printed on a notice (such as an emoji).")
                .arg(fieldName);
    }
    return QString();
}

QString ApplicantRules::checkPhone(const QString& phone, bool required)
{
    static const QRegularExpression re(QStringLiteral("^(\\+?86)?[0-9][0-9-]{5,18}$"));
    const QString p = phone.trimmed();
    if (p.isEmpty())
        return required ? tr("Enter a contact phone number.") : QString();
    if (!re.match(p).hasMatch())
        return tr("The phone number \"%1\" is not valid: use digits, optionally with an area code and '-'.").arg(p);
    return QString();
}

QString ApplicantRules::validate(const Applicant& a, ApplicantField* field)
{
    auto at = [field](ApplicantField f, const QString& message) {
        if (field)
            *field = message.isEmpty() ? ApplicantField::None : f;
        return message;
    };
    const bool person = a.kind == ApplicantKind::Person;
    if (QString e = checkText(a.name, person ? tr("applicant's name") : tr("organisation's name"), 100, true);
        !e.isEmpty())
        return at(ApplicantField::Name, e);
    const IdCheck id = person ? checkResidentId(a.idNumber) : checkCreditCode(a.idNumber);
    if (!id.valid)
        return at(ApplicantField::IdNumber, id.error);
    if (QString e = checkPhone(a.phone, true); !e.isEmpty())
        return at(ApplicantField::Phone, e);
    if (QString e = checkText(a.address, tr("address"), 200, false); !e.isEmpty())
        return at(ApplicantField::Address, e);
    if (!person)
        if (QString e = checkText(a.legalRepresentative, tr("legal representative"), 50, false); !e.isEmpty())
            return at(ApplicantField::LegalRepresentative, e);
    return checkCardDetails(a, field);
}

QString ApplicantRules::normalizeSex(const QString& text)
{
    const QString t = text.trimmed().toUpper();
    if (t == QStringLiteral("男") || t == QLatin1String("1") || t == QLatin1String("M"))
        return QStringLiteral("男");
    if (t == QStringLiteral("女") || t == QLatin1String("2") || t == QLatin1String("F"))
        return QStringLiteral("女");
    return QString();
}

QDate ApplicantRules::parseDay(const QString& text)
{
    const QString t = text.trimmed();
    if (t.size() == 8)
        return QDate::fromString(t, QStringLiteral("yyyyMMdd"));
    return t.size() == 10 ? QDate::fromString(t, Qt::ISODate) : QDate();
}

QString ApplicantRules::checkCardDetails(const Applicant& a, ApplicantField* field)
{
    auto at = [field](ApplicantField f, const QString& message) {
        if (field)
            *field = message.isEmpty() ? ApplicantField::None : f;
        return message;
    };
    if (!a.hasCardDetails())
        return at(ApplicantField::None, QString());
    if (a.kind != ApplicantKind::Person)
        return at(ApplicantField::Sex, tr("An organisation has no ID card details; clear them."));
    const QString id = normalizeIdentifier(a.idNumber);
    if (!a.sex.isEmpty()) {
        if (a.sex != QStringLiteral("男") && a.sex != QStringLiteral("女"))
            return at(ApplicantField::Sex, tr("Give the sex as 男 or 女 (1 or 2)."));
        const bool odd = id.size() == 18 && id.at(16).digitValue() % 2 == 1;
        if ((a.sex == QStringLiteral("男")) != odd)
            return at(ApplicantField::Sex, tr("The sex %1 does not match the ID number (its 17th digit is %2).")
                                               .arg(a.sex, id.size() == 18 ? QString(id.at(16)) : QString()));
    }
    if (QString e = checkText(a.ethnicity, tr("ethnicity"), 10, false); !e.isEmpty())
        return at(ApplicantField::Ethnicity, e);
    if (a.birthDate.isValid() && a.birthDate != residentIdBirthDate(id))
        return at(ApplicantField::BirthDate, tr("The birth date %1 does not match the ID number, which says %2.")
                                                 .arg(a.birthDate.toString(Qt::ISODate),
                                                      residentIdBirthDate(id).toString(Qt::ISODate)));
    if (QString e = checkText(a.idAuthority, tr("issuing authority"), 30, false); !e.isEmpty())
        return at(ApplicantField::IdAuthority, e);
    if (a.idValidFrom.isValid() && a.idValidTo.isValid() && a.idValidTo <= a.idValidFrom)
        return at(ApplicantField::IdValidity, tr("The card's validity ends (%1) before it begins (%2).")
                                                  .arg(a.idValidTo.toString(Qt::ISODate),
                                                       a.idValidFrom.toString(Qt::ISODate)));
    const QDate born = residentIdBirthDate(id);
    if (a.idValidFrom.isValid() && born.isValid() && a.idValidFrom < born)
        return at(ApplicantField::IdValidity, tr("The card's validity begins (%1) before its holder was born.")
                                                  .arg(a.idValidFrom.toString(Qt::ISODate)));
    return at(ApplicantField::None, QString());
}

QString ApplicantRules::expiryWarning(const Applicant& a, const QDate& today)
{
    if (!a.cardExpiredOn(today))
        return QString();
    return tr("This ID card expired on %1: ask for a valid identity document.").arg(a.idValidTo.toString(Qt::ISODate));
}

QString ApplicantRules::validate(const Agent& agent, ApplicantField* field)
{
    auto at = [field](ApplicantField f, const QString& message) {
        if (field)
            *field = message.isEmpty() ? ApplicantField::None : f;
        return message;
    };
    if (QString e = checkText(agent.name, tr("agent's name"), 50, true); !e.isEmpty())
        return at(ApplicantField::AgentName, e);
    const IdCheck id = checkResidentId(agent.idNumber);
    if (!id.valid)
        return at(ApplicantField::AgentIdNumber, tr("Agent: %1").arg(id.error));
    return at(ApplicantField::AgentPhone, checkPhone(agent.phone, false));
}

} // namespace oneseal::core
