#pragma once

#include <QCborMap>
#include <QCoreApplication>
#include <QString>

namespace oneseal::core {

enum class ApplicantKind { Person, Organisation };

/** The field of an applicant or agent a validation message is about (the window moves the cursor there). */
enum class ApplicantField { None, Name, IdNumber, Phone, Address, LegalRepresentative, AgentName, AgentIdNumber, AgentPhone };

/**
 * Who applies: a person (resident ID number, GB 11643) or an organisation (unified social credit
 * code, GB 32100). Entered once at a window and found again by ID, name fragment or phone.
 */
struct Applicant
{
    QString id; ///< stable id (UUID) across the hall
    ApplicantKind kind = ApplicantKind::Person;
    QString name;
    QString idNumber; ///< normalised resident ID or credit code
    QString phone;
    QString address;
    QString legalRepresentative; ///< organisations: 法定代表人

    QCborMap toCbor() const;
    static Applicant fromCbor(const QCborMap& map);
};

/** Someone acting for the applicant (代理人), identified by their own resident ID number. */
struct Agent
{
    QString name;
    QString idNumber;
    QString phone;

    bool isEmpty() const { return name.isEmpty() && idNumber.isEmpty(); }
    QCborMap toCbor() const;
    static Agent fromCbor(const QCborMap& map);
};

/** Validation of applicants and agents; every message names what is wrong. */
class ApplicantRules
{
    Q_DECLARE_TR_FUNCTIONS(ApplicantRules)

public:
    /** The kind an identifier belongs to: 18 characters with a valid credit code -> organisation. */
    static ApplicantKind kindForIdentifier(const QString& normalisedId);
    /** Empty when the applicant can be stored; otherwise a sentence for the clerk. */
    static QString validate(const Applicant& applicant, ApplicantField* field = nullptr);
    static QString validate(const Agent& agent, ApplicantField* field = nullptr);
    /** Empty when text is a sane single-line field of at most maxLength characters. */
    static QString checkText(const QString& text, const QString& fieldName, int maxLength, bool required);
    static QString checkPhone(const QString& phone, bool required);
};

} // namespace oneseal::core
