#pragma once
// Key codes as Dear ImGui 1.86 sees them. Its GLFW backend indexes io.KeysDown[] by GLFW key codes,
// so these are GLFW 3.3's values (glfw3.h), kept here so that rc_ui needs no GLFW include. The
// platform layer static_asserts that they match glfw3.h; the headless harness maps the same codes.
struct ImGuiIO;

namespace rc::ui::keys {

inline constexpr int Space = 32;
inline constexpr int Minus = 45;
inline constexpr int Num0 = 48; // Num1..Num9 follow: Num0 + n
inline constexpr int Num1 = 49;
inline constexpr int Num8 = 56;
inline constexpr int Num9 = 57;
inline constexpr int Equal = 61;
inline constexpr int A = 65; // A..Z follow: A + n
inline constexpr int B = 66;
inline constexpr int C = 67;
inline constexpr int N = 78;
inline constexpr int L = 76;
inline constexpr int V = 86;
inline constexpr int X = 88;
inline constexpr int Y = 89;
inline constexpr int Z = 90;
inline constexpr int Escape = 256;
inline constexpr int Enter = 257;
inline constexpr int Tab = 258;
inline constexpr int Backspace = 259;
inline constexpr int Insert = 260;
inline constexpr int Delete = 261;
inline constexpr int Right = 262;
inline constexpr int Left = 263;
inline constexpr int Down = 264;
inline constexpr int Up = 265;
inline constexpr int PageUp = 266;
inline constexpr int PageDown = 267;
inline constexpr int Home = 268;
inline constexpr int End = 269;
inline constexpr int F1 = 290; // F2..F12 follow: F1 + n
inline constexpr int F2 = 291;
inline constexpr int Kp0 = 320; // Kp1..Kp9 follow
inline constexpr int Kp1 = 321;
inline constexpr int KpSubtract = 333;
inline constexpr int KpAdd = 334;
inline constexpr int KpEnter = 335;
inline constexpr int LeftShift = 340;
inline constexpr int LeftControl = 341;
inline constexpr int LeftAlt = 342;
inline constexpr int LeftSuper = 343;
inline constexpr int RightShift = 344;
inline constexpr int RightControl = 345;
inline constexpr int RightAlt = 346;
inline constexpr int RightSuper = 347;

// Fills io.KeyMap[] exactly as the 1.86 GLFW backend does (for contexts without that backend:
// the headless harness and the frame-time benchmark).
void install_key_map(ImGuiIO& io);

} // namespace rc::ui::keys
