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

QCborMap Applicant::toCbor() const
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
    return at(ApplicantField::None, QString());
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
