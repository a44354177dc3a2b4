#include "User.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace oneseal::core {

QString validateUsername(const QString& username)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{2,32}$"));
    if (username.trimmed().isEmpty())
        return QCoreApplication::translate("User", "Enter a user name.");
    if (!re.match(username).hasMatch())
        return QCoreApplication::translate("User", "A user name has 2 to 32 letters, digits, '.', '-' or '_'.");
    return QString();
}

QString validateNewPassword(const QString& password)
{
    if (password.size() < 8)
        return QCoreApplication::translate("User", "A password needs at least 8 characters.");
    if (password.trimmed().isEmpty())
        return QCoreApplication::translate("User", "A password cannot be only spaces.");
    if (password.size() > 256)
        return QCoreApplication::translate("User", "A password can have at most 256 characters.");
    return QString();
}

QString validateDisplayName(const QString& name)
{
    const QString t = name.trimmed();
    if (t.isEmpty())
        return QCoreApplication::translate("User", "Enter the person's name.");
    if (t.size() > 64)
        return QCoreApplication::translate("User", "A name can have at most 64 characters.");
    for (const QChar c : t)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return QCoreApplication::translate("User", "A name cannot contain control characters.");
    return QString();
}

} // namespace oneseal::core
