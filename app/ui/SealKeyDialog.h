#pragma once

#include "services/SealKeyService.h"

#include <QDialog>
#include <QHash>

#include <functional>
#include <memory>

namespace Ui {
class SealKeyDialog;
}

namespace oneseal::ui {

/**
 * The hall's seal key at a workstation (docs/SECURITY.md, "The seal key"): the published keys, every
 * grant, granting to a certificate operator or approver after the administrator's password, revoking
 * with a reason, exporting the public keys (PEM) and writing the signed list of voided certificates;
 * and the user directory (who may sign what, with which key, since when), where an administrator of a
 * hall without a hub changes a user's roles. Administrators act; supervisors see. Every check is services::SealKeyService's: the dialog shows its refusals.
 */
class SealKeyDialog : public QDialog
{
    Q_OBJECT

public:
    /** Asks where to write a file (the suggested name given); empty: cancelled. Tests replace it. */
    using FileChooser = std::function<QString(const QString& title, const QString& suggestedPath)>;

    explicit SealKeyDialog(services::Session& session, QWidget* parent = nullptr);
    ~SealKeyDialog() override;

    void setFileChooser(FileChooser chooser) { m_chooseFile = std::move(chooser); }
    /** The message shown (a refusal or what was done); empty when none. */
    QString messageText() const;
    /** Whether the last message was a refusal. */
    bool messageIsError() const { return m_messageIsError; }

private:
    void reload();
    void grant();
    void revoke();
    void exportKeys();
    void writeRevokedList();
    /** Checks the roles of the user chosen in the roles combo. */
    void showRolesOf();
    /** Gives that user the checked roles (services::UserRolesService, an administrator of a hall without a hub). */
    void changeRoles();
    void resetPassword();
    void showMessage(const QString& text, bool error);
    /** Writes @p bytes to @p path whole or not at all (QSaveFile); false with *error. */
    static bool writeFile(const QString& path, const QByteArray& bytes, QString* error);

    std::unique_ptr<Ui::SealKeyDialog> m_ui;
    services::Session& m_session;
    services::SealKeyService m_service;
    FileChooser m_chooseFile;
    bool m_messageIsError = false;
    QHash<QString, core::Roles> m_roles; ///< user name -> roles now, as the directory lists them
};

} // namespace oneseal::ui
