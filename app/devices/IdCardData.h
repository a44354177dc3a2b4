#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <optional>

namespace oneseal::devices {

/**
 * What the chip of a resident ID card (第二代居民身份证) says, read from the 256 bytes of text the
 * reader returns: UCS-2 little-endian, fixed-width fields padded with spaces, in this order and size
 * (bytes): name 30, sex 2 (GB/T 2261.1 code), ethnicity 4 (GB/T 3304 code), birth date 16
 * (YYYYMMDD), address 70, ID number 36, issuing authority 30, valid from 16, valid to 16 (YYYYMMDD,
 * or 长期 for no end), 36 reserved. The photo (1024 bytes, the Ministry's compressed format) is kept
 * as it came; OneSeal neither decodes nor stores it.
 */
struct IdCardData
{
    Q_DECLARE_TR_FUNCTIONS(IdCardData)

public:
    QString name;
    QString sexCode;
    QString ethnicityCode;
    QDate birthDate;
    QString address;
    QString idNumber;
    QString authority;
    QDate validFrom;
    QDate validTo;     ///< invalid when longTerm
    bool longTerm = false;
    QByteArray photo;

    /** 男, 女 … from the code (the card's own words, as printed on it). */
    QString sex() const;
    /** 汉, 蒙古 … from the code. */
    QString ethnicity() const;
    /** Whether the card's validity has ended before @p today. */
    bool expiredOn(const QDate& today) const;
    /**
     * Why the card cannot be taken as the applicant's identity, checked like a typed number (the ID
     * number's check character and date, core::checkResidentId) and against itself (the birth date
     * and sex the number encodes); empty when it can. An expired card is not a problem here: the
     * clerk is warned (expiredOn()) and decides.
     */
    QString problem(const QDate& today) const;
    /** "2015-03-01 – 2035-03-01" or "2015-03-01 – 长期". */
    QString validityText() const;

    /**
     * Reads the 256 bytes of text. Nothing (with *error) when the text is not whole, a date is not
     * a date, or a required field (name, ID number, birth date, validity) is empty.
     */
    static std::optional<IdCardData> fromText(const QByteArray& text, QString* error);
    /** The 256 bytes for these fields (readers' simulators and tests). */
    QByteArray toText() const;
};

} // namespace oneseal::devices
