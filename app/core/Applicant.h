#pragma once

#include <QCborMap>
#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace oneseal::core {

enum class ApplicantKind { Person, Organisation };

/** The field of an applicant or agent a validation message is about (the window moves the cursor there). */
enum class ApplicantField {
    None, Name, IdNumber, Phone, Address, LegalRepresentative, AgentName, AgentIdNumber, AgentPhone,
    Sex, Ethnicity, BirthDate, IdAuthority, IdValidity
};

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

    // What a resident ID card says beyond name, number and address (persons; each optional, typed
    // by the clerk or read from the card's chip). Events written before these existed lack them.
    QString sex;         ///< 男 or 女 (GB/T 2261.1); empty: not given
    QString ethnicity;   ///< 汉, 蒙古 … (GB/T 3304)
    QDate birthDate;
    QString idAuthority; ///< 签发机关
    QDate idValidFrom;
    QDate idValidTo;     ///< invalid when idLongTerm (长期) or not given
    bool idLongTerm = false;
    bool fromCard = false; ///< these details were read from the card (the window shows them read-only)

    /** Whether any of the card's details is given. */
    bool hasCardDetails() const;
    /** Whether the ID card's validity ended before @p today (false when not given or 长期). */
    bool cardExpiredOn(const QDate& today) const;

    QCborMap toCbor() const;
    static Applicant fromCbor(const QCborMap& map);

private:
    QCborMap applicantBase() const;
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
    /** 男/女 from what a clerk types (男, 女, 1, 2, M, F); empty when it is none of these. */
    static QString normalizeSex(const QString& text);
    /** A day typed as 2026-03-07 or 20260307; invalid otherwise. */
    static QDate parseDay(const QString& text);
    /**
     * The card's details against the ID number and each other: the birth date and sex are the ones
     * the number encodes, the texts are printable and bounded, the validity runs forwards.
     */
    static QString checkCardDetails(const Applicant& applicant, ApplicantField* field = nullptr);
    /** The warning for an expired card ("… expired on …"); empty when it has not expired. */
    static QString expiryWarning(const Applicant& applicant, const QDate& today);
};

} // namespace oneseal::core
