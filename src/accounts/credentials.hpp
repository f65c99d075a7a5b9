// accounts/credentials.hpp — passwords (argon2id via libsodium), their rules, random passwords
// and tokens: what the server's sign-in and `jixiao users` both need, below both.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.hpp"

namespace jixiao::accounts {

// How expensive password hashing is: interactive (argon2id, 64 MiB, ~0.1 s) for real use,
// minimal for tests (libsodium's MIN limits).
enum class PasswordCost { interactive, minimal };

// Readies libsodium (once; thread-safe). The functions below call it themselves; a caller that
// uses libsodium directly (the server's login limiter) calls it first.
void init_crypto();

// The argon2id hash string of `password` ("$argon2id$v=19$m=…"). Error::internal when
// libsodium fails (out of memory).
Result<std::string> hash_password(const std::string& password, PasswordCost cost);
bool verify_password(const std::string& hash, const std::string& password);
// Error::invalid_input naming the rule when `password` is too weak: under 10 characters, only
// whitespace, one character repeated, or in the list of common passwords (NIST SP 800-63B
// §5.1.1.2: length and a blocklist, no composition rules). `user_name`, when given, may not be
// the password either.
Result<void> check_password_rules(const std::string& password, const std::string& user_name = {});
// A random password for a new user: 12 characters from an unambiguous alphabet.
std::string generate_password();
// `bytes` random bytes as lowercase hex.
std::string random_hex(std::size_t bytes);
// What the store keeps of a session token: its SHA-256, hex.
std::string session_token_hash(const std::string& token);

}  // namespace jixiao::accounts
